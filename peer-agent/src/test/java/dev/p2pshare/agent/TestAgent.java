package dev.p2pshare.agent;

import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.AgentStatus;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadRequest;
import dev.p2pshare.shared.control.DownloadState;
import dev.p2pshare.shared.control.SessionFiles;
import dev.p2pshare.shared.control.SessionInfo;
import dev.p2pshare.shared.control.ShareInfo;
import dev.p2pshare.shared.control.ShareRequest;
import dev.p2pshare.shared.tracker.SessionToken;
import io.micrometer.core.instrument.MeterRegistry;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * A real agent in its own Spring context (several share the test JVM, each with its own home), driven
 * through its control API like the CLI drives it.
 */
public final class TestAgent implements AutoCloseable {
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final Path home;
    private final List<String> args;
    private final ConfigurableApplicationContext context;
    private final AgentEndpoint endpoint;
    private final String secret;

    private TestAgent(Path home, List<String> args) {
        this.home = home;
        this.args = args;
        this.context = new SpringApplicationBuilder(AgentApplication.class).run(args.toArray(String[]::new));
        try {
            this.endpoint = TrackerApi.JSON.readValue(Files.readAllBytes(home.resolve(SessionFiles.ENDPOINT)),
                    AgentEndpoint.class);
            this.secret = Files.readString(home.resolve(SessionFiles.SECRET)).strip();
        } catch (IOException e) {
            context.close();
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the session file the CLI would write on login, then starts the agent on {@code home}. */
    public static TestAgent start(Path home, String username, SessionToken token, String trackerUrl, String... settings) {
        return start(home, username, token, List.of(trackerUrl), settings);
    }

    /** As above with every tracker the session knows, in order of preference. */
    public static TestAgent start(Path home, String username, SessionToken token, List<String> trackers,
                                  String... settings) {
        try {
            Files.createDirectories(home);
            Files.write(home.resolve(SessionFiles.SESSION), TrackerApi.JSON.writeValueAsBytes(
                    new SessionInfo(username, trackers, token.token(), token.expiresAt(), null)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of(
                "--p2p.agent.home=" + home,
                "--p2p.agent.chunk-address=127.0.0.1",
                "--p2p.agent.heartbeat-interval=2s",
                "--p2p.agent.peer-refresh-interval=1s",
                "--p2p.agent.availability-interval=300ms",
                "--p2p.agent.grant-clock-skew=0s",
                "--p2p.agent.connect-timeout=2s",
                "--p2p.agent.read-timeout=5s"));
        args.addAll(List.of(settings));
        return new TestAgent(home, args);
    }

    /** A new agent process-equivalent on the same home and settings (this one must be closed). */
    public TestAgent restart() {
        return new TestAgent(home, args);
    }

    public Path home() {
        return home;
    }

    public AgentEndpoint endpoint() {
        return endpoint;
    }

    public String secret() {
        return secret;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public double counter(String name) {
        return bean(MeterRegistry.class).counter(name).count();
    }

    public ShareInfo share(Path file, String group) {
        Reply reply = control("POST", "/control/shares", new ShareRequest(file.toString(), group));
        reply.expect(200, 201);
        return reply.as(ShareInfo.class);
    }

    public DownloadInfo download(String group, String fileName, Path dest) {
        Reply reply = control("POST", "/control/downloads", new DownloadRequest(group, fileName, dest.toString(), null, null));
        reply.expect(200, 201);
        return reply.as(DownloadInfo.class);
    }

    public DownloadInfo info(String id) {
        Reply reply = control("GET", "/control/downloads/" + id, null);
        reply.expect(200);
        return reply.as(DownloadInfo.class);
    }

    public AgentStatus status() {
        Reply reply = control("GET", "/control/status", null);
        reply.expect(200);
        return reply.as(AgentStatus.class);
    }

    public DownloadInfo awaitDownload(String id, Duration limit, Predicate<DownloadInfo> until) {
        return await().atMost(limit).pollInterval(Duration.ofMillis(50)).until(() -> info(id), until);
    }

    public DownloadInfo awaitComplete(String id, Duration limit) {
        DownloadInfo info = awaitDownload(id, limit,
                d -> d.state() == DownloadState.COMPLETE || d.state() == DownloadState.FAILED);
        if (info.state() != DownloadState.COMPLETE) throw new AssertionError("download failed: " + info);
        return info;
    }

    /** One control API call with the agent's secret. */
    public Reply control(String method, String path, Object body) {
        return call(endpoint.controlUrl(), method, path, body, "Bearer " + secret);
    }

    public static Reply call(String base, String method, String path, Object body, String authorization) {
        RequestBody requestBody = body == null
                ? ("POST".equals(method) || "PUT".equals(method) ? RequestBody.create(new byte[0], JSON_TYPE) : null)
                : RequestBody.create(TrackerApi.JSON.writeValueAsBytes(body), JSON_TYPE);
        Request.Builder request = new Request.Builder().url(base + path).method(method, requestBody);
        if (authorization != null) request.header("Authorization", authorization);
        try (Response response = TrackerApi.HTTP.newCall(request.build()).execute()) {
            return new Reply(response.code(), response.header("Content-Type"), response.body().bytes(),
                    response.header("Retry-After"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Reply(int status, String contentType, byte[] body, String retryAfter) {
        public <T> T as(Class<T> type) {
            return TrackerApi.JSON.readValue(body, type);
        }

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        public void expect(int... statuses) {
            for (int s : statuses) {
                if (s == status) return;
            }
            throw new AssertionError("answered " + status + ": " + text());
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
