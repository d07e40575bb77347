package dev.p2pshare.agent;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.TrustedCertificates;
import dev.p2pshare.shared.tracker.ActivityPage;
import dev.p2pshare.shared.tracker.ChunkAvailability;
import dev.p2pshare.shared.tracker.CreateApiKey;
import dev.p2pshare.shared.tracker.CreateGroup;
import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.shared.tracker.FileDetails;
import dev.p2pshare.shared.tracker.FileSummary;
import dev.p2pshare.shared.tracker.NewApiKey;
import dev.p2pshare.shared.tracker.PeerAnnouncement;
import dev.p2pshare.shared.tracker.SessionToken;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.databind.json.JsonMapper;

import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;

/** The tracker's REST API as the tests use it directly (what the CLI does for users, groups and listings). */
public final class TrackerApi {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(30)).build();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    public static final String PASSWORD = "correct horse";

    private final String url;
    private final OkHttpClient http;

    /** The test client, also trusting the certificate in {@code pemFile} (sharing its dispatcher and pool). */
    public static OkHttpClient trusting(Path pemFile) throws IOException, GeneralSecurityException {
        X509TrustManager trust = TrustedCertificates.trustManager(pemFile);
        return HTTP.newBuilder().sslSocketFactory(TrustedCertificates.sslContext(trust).getSocketFactory(), trust).build();
    }

    public TrackerApi(String url) {
        this(url, HTTP);
    }

    /** A tracker reached through {@code http} (an https tracker: a client that trusts its certificate). */
    public TrackerApi(String url, OkHttpClient http) {
        this.url = url;
        this.http = http;
    }

    public String url() {
        return url;
    }

    /** Registers the user and logs in. */
    public SessionToken newUser(String username) {
        call("POST", "api/users", null, new Credentials(username, PASSWORD), 201);
        return JSON.readValue(call("POST", "api/sessions", null, new Credentials(username, PASSWORD), 201),
                SessionToken.class);
    }

    public void createGroup(SessionToken owner, String group) {
        call("POST", "api/groups", owner, new CreateGroup(group, false), 201);
    }

    public void createPrivateGroup(SessionToken owner, String group) {
        call("POST", "api/groups", owner, new CreateGroup(group, true), 201);
    }

    /** The owner accepts {@code username}'s request to join a private group. */
    public void accept(SessionToken owner, String group, String username) {
        call("POST", "api/groups/" + group + "/join-requests/" + username + "/accept", owner, null, 200);
    }

    public void join(SessionToken user, String group) {
        call("POST", "api/groups/" + group + "/join-requests", user, null, 200, 201);
    }

    /** The group's files as list_files shows them. */
    public List<FileSummary> files(SessionToken user, String group) {
        return List.of(JSON.readValue(call("GET", "api/groups/" + group + "/files", user, null, 200), FileSummary[].class));
    }

    public FileDetails details(SessionToken user, String group, String fileName) {
        return JSON.readValue(call("GET", "api/groups/" + group + "/files/" + fileName, user, null, 200),
                FileDetails.class);
    }

    /** Status of GET file details (404 once nobody holds the file). */
    public int detailsStatus(SessionToken user, String group, String fileName) {
        return status("GET", "api/groups/" + group + "/files/" + fileName, user);
    }

    public void registerFile(SessionToken user, String group, Manifest manifest) {
        call("POST", "api/groups/" + group + "/files", user, manifest, 201);
    }

    /** Tells the tracker which chunks {@code user} holds (a partial bitfield makes it a partial holder). */
    public void reportChunks(SessionToken user, String group, String fileName, ChunkAvailability held) {
        call("PUT", "api/groups/" + group + "/files/" + fileName + "/seeders/me", user, held, 200, 204);
    }

    /** {@code user} holds the file no more (a file nobody holds leaves the group). */
    public void stopSharing(SessionToken user, String group, String fileName) {
        call("DELETE", "api/groups/" + group + "/files/" + fileName + "/seeders/me", user, null, 204);
    }

    public void announce(SessionToken user, String chunkUrl) {
        call("PUT", "api/peers/me", user, new PeerAnnouncement(chunkUrl), 200);
    }

    /** {@code username} leaves the group (when {@code caller} is that user) or the owner removes them. */
    public void removeMember(SessionToken caller, String group, String username) {
        call("DELETE", "api/groups/" + group + "/members/" + username, caller, null, 204);
    }

    /** A new API key of {@code owner}'s (made with a login session, as it must be). */
    public NewApiKey createApiKey(SessionToken owner, CreateApiKey key) {
        return JSON.readValue(call("POST", "api/users/me/api-keys", owner, key, 201), NewApiKey.class);
    }

    public void revokeApiKey(SessionToken owner, String name) {
        call("DELETE", "api/users/me/api-keys/" + name, owner, null, 204);
    }

    /** {@code caller}'s view of the group's activity record, narrowed to {@code user}'s lines unless null. */
    public ActivityPage activity(SessionToken caller, String group, String user) {
        return JSON.readValue(call(activityRequest(caller, group, user), 200), ActivityPage.class);
    }

    /** The status of asking for the group's activity record narrowed to {@code user}'s lines. */
    public int activityStatus(SessionToken caller, String group, String user) {
        return status(activityRequest(caller, group, user));
    }

    private Request activityRequest(SessionToken caller, String group, String user) {
        Request request = request("GET", "api/groups/" + group + "/activity", caller, null);
        return user == null ? request
                : request.newBuilder().url(request.url().newBuilder().addQueryParameter("user", user).build()).build();
    }

    /** The owner deletes the group. */
    public void deleteGroup(SessionToken owner, String group) {
        call("DELETE", "api/groups/" + group, owner, null, 204);
    }

    public String keys() {
        return call("GET", "api/keys", null, null, 200);
    }

    private int status(String method, String path, SessionToken token) {
        return status(request(method, path, token, null));
    }

    private int status(Request request) {
        try (Response response = http.newCall(request).execute()) {
            return response.code();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String call(String method, String path, SessionToken token, Object body, int... expected) {
        return call(request(method, path, token, body), expected);
    }

    private String call(Request request, int... expected) {
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            for (int status : expected) {
                if (response.code() == status) return text;
            }
            throw new AssertionError(request.method() + " " + request.url() + " answered " + response.code() + ": " + text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Request request(String method, String path, SessionToken token, Object body) {
        HttpUrl.Builder builder = HttpUrl.get(url).newBuilder();
        for (String segment : path.split("/")) builder.addPathSegment(segment);
        RequestBody requestBody = body == null
                ? ("POST".equals(method) || "PUT".equals(method) ? RequestBody.create(new byte[0], JSON_TYPE) : null)
                : RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE);
        Request.Builder request = new Request.Builder().url(builder.build()).method(method, requestBody);
        if (token != null) request.header("Authorization", "Bearer " + token.token());
        return request.build();
    }
}
