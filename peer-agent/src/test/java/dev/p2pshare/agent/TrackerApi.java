package dev.p2pshare.agent;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.TrustedCertificates;
import dev.p2pshare.shared.tracker.ChunkAvailability;
import dev.p2pshare.shared.tracker.CreateGroup;
import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.shared.tracker.FileDetails;
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

    public void join(SessionToken user, String group) {
        call("POST", "api/groups/" + group + "/join-requests", user, null, 200, 201);
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

    public void announce(SessionToken user, String chunkUrl) {
        call("PUT", "api/peers/me", user, new PeerAnnouncement(chunkUrl), 200);
    }

    /** {@code username} leaves the group (when {@code caller} is that user) or the owner removes them. */
    public void removeMember(SessionToken caller, String group, String username) {
        call("DELETE", "api/groups/" + group + "/members/" + username, caller, null, 204);
    }

    /** The owner deletes the group. */
    public void deleteGroup(SessionToken owner, String group) {
        call("DELETE", "api/groups/" + group, owner, null, 204);
    }

    public String keys() {
        return call("GET", "api/keys", null, null, 200);
    }

    private int status(String method, String path, SessionToken token) {
        try (Response response = http.newCall(request(method, path, token, null)).execute()) {
            return response.code();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String call(String method, String path, SessionToken token, Object body, int... expected) {
        try (Response response = http.newCall(request(method, path, token, body)).execute()) {
            String text = response.body().string();
            for (int status : expected) {
                if (response.code() == status) return text;
            }
            throw new AssertionError(method + " " + path + " answered " + response.code() + ": " + text);
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
