package dev.p2pshare.cli;

import dev.p2pshare.shared.tracker.ActivityPage;
import dev.p2pshare.shared.tracker.ApiKeyInfo;
import dev.p2pshare.shared.tracker.CreateApiKey;
import dev.p2pshare.shared.tracker.CreateGroup;
import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.shared.tracker.FileSummary;
import dev.p2pshare.shared.tracker.GroupSummary;
import dev.p2pshare.shared.tracker.JoinRequestInfo;
import dev.p2pshare.shared.tracker.JoinResult;
import dev.p2pshare.shared.tracker.NewApiKey;
import dev.p2pshare.shared.tracker.SessionToken;
import dev.p2pshare.shared.tracker.UserInfo;

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

    JoinResult accept(String group, String user) {
        return api.post("/api/groups/" + segment(group) + "/join-requests/" + segment(user) + "/accept", null, JoinResult.class);
    }

    /** The owner declines a join request (or the requester withdraws their own). */
    void declineRequest(String group, String user) {
        api.send("DELETE", "/api/groups/" + segment(group) + "/join-requests/" + segment(user));
    }

    void removeMember(String group, String user) {
        api.send("DELETE", "/api/groups/" + segment(group) + "/members/" + segment(user));
    }

    List<FileSummary> files(String group) {
        return api.getList("/api/groups/" + segment(group) + "/files", FileSummary.class);
    }

    /** A page of a group's activity record: {@code path} as {@link ActivityCommand#path} builds it. */
    ActivityPage activity(String path) {
        return api.get(path, ActivityPage.class);
    }
}
