package dev.p2pshare.cli;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.ActivityPage;
import dev.p2pshare.shared.tracker.ApiKeyInfo;
import dev.p2pshare.shared.tracker.CreateApiKey;
import dev.p2pshare.shared.tracker.CreateGroup;
import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.shared.tracker.FileSummary;
import dev.p2pshare.shared.tracker.GroupSettings;
import dev.p2pshare.shared.tracker.GroupSummary;
import dev.p2pshare.shared.tracker.JoinRequestInfo;
import dev.p2pshare.shared.tracker.JoinResult;
import dev.p2pshare.shared.tracker.MemberInfo;
import dev.p2pshare.shared.tracker.NewApiKey;
import dev.p2pshare.shared.tracker.SessionToken;
import dev.p2pshare.shared.tracker.UserInfo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static dev.p2pshare.cli.ApiClient.segment;

/** The tracker's REST API as the CLI uses it (the calls that need no agent). */
final class TrackerClient {
    private static final String API_KEYS = "/api/users/me/api-keys";
    private final ApiClient api;

    TrackerClient(ApiClient api) {
        this.api = api;
    }

    UserInfo register(Credentials credentials) {
        return api.post("/api/users", credentials, UserInfo.class);
    }

    SessionToken login(Credentials credentials) {
        return api.post("/api/sessions", credentials, SessionToken.class);
    }

    /** Who the bearer (a session token or an API key) belongs to. */
    UserInfo me() {
        return api.get("/api/users/me", UserInfo.class);
    }

    NewApiKey createApiKey(CreateApiKey key) {
        return api.post(API_KEYS, key, NewApiKey.class);
    }

    List<ApiKeyInfo> apiKeys() {
        return api.getList(API_KEYS, ApiKeyInfo.class);
    }

    void revokeApiKey(String name) {
        api.send("DELETE", API_KEYS + "/" + segment(name));
    }

    void revokeSession() {
        api.send("DELETE", "/api/sessions/current");
    }

    GroupSummary createGroup(CreateGroup group) {
        return api.post("/api/groups", group, GroupSummary.class);
    }

    List<GroupSummary> groups() {
        return api.getList("/api/groups", GroupSummary.class);
    }

    JoinResult join(String group) {
        return api.post("/api/groups/" + segment(group) + "/join-requests", null, JoinResult.class);
    }

    List<JoinRequestInfo> joinRequests(String group) {
        return api.getList("/api/groups/" + segment(group) + "/join-requests", JoinRequestInfo.class);
    }

    /** Accepts a join request; the membership ends at {@code expiresAt} (null: as the group's default says). */
    JoinResult accept(String group, String user, Instant expiresAt) {
        return api.post("/api/groups/" + segment(group) + "/join-requests/" + segment(user) + "/accept"
                + query("expiresAt", expiresAt == null ? null : expiresAt.toString()), null, JoinResult.class);
    }

    GroupSummary group(String group) {
        return api.get("/api/groups/" + segment(group), GroupSummary.class);
    }

    List<MemberInfo> members(String group) {
        return api.getList("/api/groups/" + segment(group) + "/members", MemberInfo.class);
    }

    GroupSummary configureGroup(String group, GroupSettings settings) {
        return api.send("PATCH", "/api/groups/" + segment(group), settings, GroupSummary.class);
    }

    void deleteGroup(String group) {
        api.send("DELETE", "/api/groups/" + segment(group));
    }

    /** The owner declines a join request (or the requester withdraws their own). */
    void declineRequest(String group, String user) {
        api.send("DELETE", "/api/groups/" + segment(group) + "/join-requests/" + segment(user));
    }

    /** {@code user} leaves or is removed; {@code transferTo} names the next owner when the owner leaves (else null). */
    void removeMember(String group, String user, String transferTo) {
        api.send("DELETE", "/api/groups/" + segment(group) + "/members/" + segment(user) + query("transferTo", transferTo));
    }

    List<FileSummary> files(String group) {
        return api.getList("/api/groups/" + segment(group) + "/files", FileSummary.class);
    }

    /** A shared file's or folder's manifest (a folder's with its files), without peers or a grant. */
    Manifest manifest(String group, String name) {
        return api.get("/api/groups/" + segment(group) + "/files/" + segment(name) + "/manifest", Manifest.class);
    }

    /** A page of a group's activity record: {@code path} as {@link ActivityCommand#path} builds it. */
    ActivityPage activity(String path) {
        return api.get(path, ActivityPage.class);
    }

    /** {@code ?name=value}, or nothing when {@code value} is null. */
    private static String query(String name, String value) {
        return value == null ? "" : "?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
