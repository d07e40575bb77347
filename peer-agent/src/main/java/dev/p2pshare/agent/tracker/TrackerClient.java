package dev.p2pshare.agent.tracker;

import dev.p2pshare.agent.system.AgentHome;
import dev.p2pshare.shared.Backoff;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.SessionInfo;
import dev.p2pshare.shared.tracker.ChunkAvailability;
import dev.p2pshare.shared.tracker.FileDetails;
import dev.p2pshare.shared.tracker.FileSummary;
import dev.p2pshare.shared.tracker.Grants;
import dev.p2pshare.shared.tracker.PeerAnnouncement;
import dev.p2pshare.shared.tracker.PeerStanding;
import dev.p2pshare.shared.tracker.ServedReport;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's side of the tracker REST API. Fails over across the session's trackers on connection
 * errors and 5xx answers (preferring the last one that answered), with a short backoff between rounds.
 */
@Component
public class TrackerClient {
    private static final Logger log = LoggerFactory.getLogger(TrackerClient.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int ROUNDS = 2;
    private static final Backoff ROUND_BACKOFF = new Backoff(Duration.ofMillis(300), Duration.ofSeconds(5));

    private final OkHttpClient http;
    private final JsonMapper json;
    private final AgentHome home;
    private final AtomicInteger preferred = new AtomicInteger();
    private volatile Reachability reachability = new Reachability(null, null, null);

    /**
     * Whether the trackers answer, as every call (heartbeat, share, download) finds out: when one last answered
     * (any status below 500), and since when none has, with the last error (both null while they answer).
     */
    public record Reachability(Instant lastReached, Instant unreachableSince, String lastError) {
    }

    public TrackerClient(OkHttpClient http, JsonMapper json, AgentHome home) {
        this.http = http;
        this.json = json;
        this.home = home;
    }

    /** The heartbeat; the tracker answers with the groups this user may hold files in. */
    public PeerStanding announce(String chunkUrl) {
        return exchange("PUT", List.of("api", "peers", "me"), new PeerAnnouncement(chunkUrl), PeerStanding.class, true);
    }

    public FileSummary registerFile(String group, Manifest manifest) {
        return exchange("POST", List.of("api", "groups", group, "files"), manifest, FileSummary.class, true);
    }

    public FileDetails fileDetails(String group, String fileName) {
        return exchange("GET", List.of("api", "groups", group, "files", fileName), Map.of(), null, FileDetails.class, true);
    }

    /**
     * Peers and a fresh grant for a download that has the manifest: the tracker leaves the manifest out and
     * tells only the file's sha256 (a tracker that predates the question sends the manifest anyway).
     */
    public FileDetails refreshDetails(String group, String fileName) {
        return exchange("GET", List.of("api", "groups", group, "files", fileName), Map.of("manifest", "false"), null,
                FileDetails.class, true);
    }

    /** Tells the tracker which chunks of the file this agent holds; a full bitfield makes it a complete seeder. */
    public void reportChunks(String group, String fileName, ChunkAvailability held) {
        exchange("PUT", List.of("api", "groups", group, "files", fileName, "seeders", "me"), held, Void.class, true);
    }

    /** Tells the tracker what this agent served in the group since its last report (for the activity record). */
    public void reportServed(String group, ServedReport served) {
        exchange("POST", List.of("api", "groups", group, "activity", "served"), served, Void.class, true);
    }

    public void stopSharing(String group, String fileName) {
        exchange("DELETE", List.of("api", "groups", group, "files", fileName, "seeders", "me"), null, Void.class, true);
    }

    public void logout() {
        exchange("DELETE", List.of("api", "sessions", "current"), null, Void.class, true);
    }

    /** The tracker's grant signing keys, as the JWK Set JSON it publishes. */
    public String grantKeys() {
        return exchange("GET", List.of(Grants.JWKS_PATH.substring(1).split("/")), null, String.class, false);
    }

    /** The tracker calls go to first. */
    public Reachability reachability() {
        return reachability;
    }

    public String currentTracker() {
        List<String> trackers = home.session().trackers();
        return trackers.get(Math.floorMod(preferred.get(), trackers.size()));
    }

    private <T> T exchange(String method, List<String> segments, Object body, Class<T> type, boolean auth) {
        return exchange(method, segments, Map.of(), body, type, auth);
    }

    private <T> T exchange(String method, List<String> segments, Map<String, String> query, Object body, Class<T> type,
                           boolean auth) {
        try {
            return attempt(method, segments, query, body, type, auth);
        } catch (TrackerException e) {
            // A new login may have replaced the token while the agent runs.
            if (e.status() == 401 && auth && home.reloadSession()) {
                return attempt(method, segments, query, body, type, auth);
            }
            throw e;
        }
    }

    private <T> T attempt(String method, List<String> segments, Map<String, String> query, Object body, Class<T> type,
                          boolean auth) {
        SessionInfo session = home.session();
        List<String> trackers = session.trackers();
        int first = preferred.get();
        Exception last = null;
        for (int round = 0; round < ROUNDS; round++) {
            if (round > 0) pause(ROUND_BACKOFF.delay(round));
            for (int i = 0; i < trackers.size(); i++) {
                int index = Math.floorMod(first + i, trackers.size());
                String base = trackers.get(index);
                Request request = request(base, method, segments, query, body, auth ? session.token() : null);
                try (Response response = http.newCall(request).execute()) {
                    if (response.code() >= 500) {
                        last = new IOException(base + " answered " + response.code());
                        continue;
                    }
                    if (index != Math.floorMod(first, trackers.size())) {
                        log.info("tracker failover: now using {}", base);
                    }
                    preferred.set(index);
                    reachability = new Reachability(Instant.now(), null, null);
                    return read(response, type);
                } catch (IOException | IllegalArgumentException e) {
                    last = e;
                }
            }
        }
        String error = last == null ? "none configured" : last.getMessage();
        Reachability before = reachability;
        reachability = new Reachability(before.lastReached(),
                before.unreachableSince() == null ? Instant.now() : before.unreachableSince(), error);
        throw new TrackerUnavailableException("no tracker reachable (" + String.join(", ", trackers) + "): " + error, last);
    }

    private Request request(String base, String method, List<String> segments, Map<String, String> query, Object body,
                            String token) {
        HttpUrl parsed = HttpUrl.get(base);
        HttpUrl.Builder url = parsed.newBuilder();
        for (String segment : segments) url.addPathSegment(segment);
        query.forEach(url::addQueryParameter);
        RequestBody requestBody = body == null
                ? ("GET".equals(method) || "DELETE".equals(method) ? null : RequestBody.create(new byte[0], JSON))
                : RequestBody.create(json.writeValueAsBytes(body), JSON);
        Request.Builder builder = new Request.Builder().url(url.build()).method(method, requestBody)
                .header("Accept", "application/json, application/problem+json");
        if (token != null) builder.header("Authorization", "Bearer " + token);
        return builder.build();
    }

    private <T> T read(Response response, Class<T> type) throws IOException {
        ResponseBody body = response.body();
        String text = body.string();
        if (!response.isSuccessful()) {
            throw new TrackerException(response.code(), detail(response.code(), text));
        }
        if (type == Void.class) return null;
        if (type == String.class) return type.cast(text);
        try {
            return json.readValue(text, type);
        } catch (JacksonException e) {
            throw new IOException("unreadable tracker answer: " + e.getOriginalMessage(), e);
        }
    }

    private String detail(int status, String text) {
        try {
            JsonNode node = json.readTree(text);
            String detail = node.path("detail").asString("");
            if (!detail.isBlank()) return detail;
        } catch (JacksonException e) {
            // not problem+json: fall back to the status
        }
        return "tracker answered HTTP " + status;
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackerUnavailableException("interrupted", e);
        }
    }
}
