package dev.p2pshare.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.SessionFiles;
import dev.p2pshare.shared.control.SessionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CLI's own HTTP behaviour against a tiny loopback server: errors, fail-over, headers, path encoding. */
class ApiClientTest {
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @TempDir
    Path cwd;

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(0));
    }

    /** A server answering every request with {@code status} and {@code body}, recording method, raw path and auth header. */
    private String server(int status, String contentType, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> answer(exchange, status, contentType, body));
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " "
                + exchange.getRequestHeaders().getFirst("Authorization"));
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private ApiClient client(List<String> bases, String bearer) {
        return new ApiClient("tracker", bases, bearer, answer -> P2pCommand.sessionExpired("alice"), null, null,
                new HttpApi(false), new Json());
    }

    private static String problem(int status, String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
    }

    @Test
    void aRefusalIsTheProblemDetailOnOneLineWithExitCode1() throws Exception {
        String tracker = server(409, "application/problem+json", problem(409, "user alice already exists"));

        CliRun run = CliRun.run(cwd, Map.of(), "--tracker", tracker, "create_user", "alice", "secret1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("p2p: user alice already exists");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnreachableTrackerIsExitCode3NamingTheAddress() throws Exception {
        String tracker = closedPort();

        CliRun run = CliRun.run(cwd, Map.of("P2P_TRACKER", tracker), "create_user", "alice", "secret1");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.errLines()).containsExactly("p2p: cannot reach the tracker at " + tracker + " (connection refused)");
    }

    @Test
    void failsOverToTheNextTrackerOnConnectionErrorOr5xx() throws Exception {
        String down = closedPort();
        String failing = server(503, "application/problem+json", problem(503, "database down"));
        String healthy = server(200, "application/json", "{\"username\":\"alice\",\"createdAt\":\"2025-01-02T03:04:05Z\"}");

        CliRun run = CliRun.run(cwd, Map.of(), "--tracker", down, "--tracker", failing, "--tracker", healthy, "--json",
                "create_user", "alice", "secret1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("{\"username\":\"alice\",\"createdAt\":\"2025-01-02T03:04:05Z\"}");
        assertThat(seen).containsExactly("POST /api/users null", "POST /api/users null");
    }

    @Test
    void aPostThatMayHaveTakenEffectIsNotSentToTheNextTracker() throws Exception {
        String timedOut = server(504, "text/plain", "gateway timeout");
        String other = server(200, "application/json", "{\"username\":\"alice\",\"createdAt\":\"2025-01-02T03:04:05Z\"}");

        CliRun run = CliRun.run(cwd, Map.of(), "--tracker", timedOut, "--tracker", other, "create_user", "alice", "secret1");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.errLines()).containsExactly("p2p: the tracker failed at " + timedOut
                + " (504: gateway timeout); not sent again elsewhere, as it may have taken effect: check before repeating it");
        assertThat(seen).containsExactly("POST /api/users null");

        seen.clear();
        assertThat(client(List.of(timedOut, other), null).call("GET", "/api/groups", null, HttpApi.REQUEST_TIMEOUT))
                .as("a GET is safe to repeat").contains("alice");
        assertThat(seen).hasSize(2);
    }

    @Test
    void aRefusalDoesNotFailOver() throws Exception {
        String refusing = server(400, "application/problem+json", problem(400, "bad name"));
        String other = server(200, "application/json", "{}");

        assertThatThrownBy(() -> client(List.of(refusing, other), null).call("GET", "/api/groups", null, HttpApi.REQUEST_TIMEOUT))
                .isInstanceOf(CliFailure.class).hasMessage("bad name");
        assertThat(seen).hasSize(1);
    }

    @Test
    void whenNoTrackerAnswersEveryReasonIsListed() throws Exception {
        String down = closedPort();
        String failing = server(500, "text/plain", "boom\nat line 2");

        assertThatThrownBy(() -> client(List.of(down, failing), null).call("GET", "/x", null, HttpApi.REQUEST_TIMEOUT))
                .isInstanceOf(CliFailure.class)
                .hasMessage("cannot reach the tracker at " + down + " (connection refused) or " + failing + " (500: boom)")
                .extracting(e -> ((CliFailure) e).exitCode()).isEqualTo(3);
    }

    @Test
    void unauthorizedWithASessionSaysHowToFixIt() throws Exception {
        String tracker = server(401, "application/problem+json", problem(401, "token revoked"));

        assertThatThrownBy(() -> client(List.of(tracker), "tok").call("GET", "/api/groups", null, HttpApi.REQUEST_TIMEOUT))
                .isInstanceOf(CliFailure.class).hasMessage("the session of alice has expired or was revoked; run `p2p login alice`")
                .satisfies(e -> assertThat(((CliFailure) e).exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN))
                .extracting(e -> ((CliFailure) e).httpStatus()).isEqualTo(401);
        assertThat(seen).containsExactly("GET /api/groups Bearer tok");
    }

    @Test
    void fileNamesAreEncodedAsOnePathSegment() throws Exception {
        String agent = server(204, "application/json", "");

        client(List.of(agent), "s").send("DELETE", "/control/shares/" + ApiClient.segment("photos") + "/" + ApiClient.segment("my cät/1+1.jpg"));

        assertThat(seen).containsExactly("DELETE /control/shares/photos/my%20c%C3%A4t%2F1%2B1.jpg Bearer s");
    }

    @Test
    void closingStopsTheSelectorThreadSoTheJvmExitsAtOnce() throws Exception {
        String tracker = server(200, "application/json", "[]");
        List<Thread> before = selectorThreads();
        HttpApi http = new HttpApi(false);
        new ApiClient("tracker", List.of(tracker), null, null, null, null, http, new Json()).getList("/api/groups", Object.class);
        List<Thread> ours = selectorThreads().stream().filter(thread -> !before.contains(thread)).toList();
        assertThat(ours).hasSize(1);

        http.close();

        assertThat(ours.get(0).isAlive()).isFalse();
    }

    private static List<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().endsWith("-SelectorManager") && thread.isAlive())
                .toList();
    }

    @Test
    void onlyHttpsAddressesNeedTheJdksTlsSetup() {
        assertThat(HttpApi.needsTls(List.of("http://127.0.0.1:9000", "http://b:1"))).isFalse();
        assertThat(HttpApi.needsTls(List.of("http://a:1", "HTTPS://tracker.example"))).isTrue();
        assertThat(new HttpApi(true).tls()).isTrue();
    }

    @Test
    void anAnswerThatIsNotTheExpectedJsonIsRefusedOnOneLine() throws Exception {
        String tracker = server(200, "application/json", "<html>\nnot json</html>");

        assertThatThrownBy(() -> client(List.of(tracker), null).getList("/api/groups", Object.class))
                .isInstanceOf(CliFailure.class)
                .hasMessageStartingWith("unexpected answer from tracker: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** This folder's session of alice against {@code tracker}, and an agent (this very process) answering at {@code agent}. */
    private void loggedInWithAgentAt(String agent, String tracker) throws IOException {
        SessionFolder home = new SessionFolder(cwd.resolve(".p2p"), new Json());
        home.saveSession(new SessionInfo("alice", List.of(tracker), "tok", Instant.parse("2099-01-01T00:00:00Z"), null));
        Files.writeString(home.file(SessionFiles.SECRET), "s3cret");
        Files.writeString(home.file(SessionFiles.ENDPOINT),
                new Json().write(new AgentEndpoint(ProcessHandle.current().pid(), agent, agent)));
    }

    @Test
    void anAgentThatCannotReachTheTrackerIsReportedAsTheTrackerBeingUnreachable() throws Exception {
        String tracker = closedPort();
        String agent = server(503, "application/problem+json",
                problem(503, "no tracker reachable (" + tracker + "): Failed to connect to /127.0.0.1"));
        loggedInWithAgentAt(agent, tracker);

        CliRun run = CliRun.run(cwd, Map.of(), "show_downloads");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.errLines()).containsExactly("p2p: cannot reach the tracker at " + tracker + " (Failed to connect to /127.0.0.1)");
        assertThat(seen).containsExactly("GET /control/downloads Bearer s3cret");
    }

    @Test
    void anAgentPassingOnTheTrackersRejectionOfTheSessionMeansNotLoggedIn() throws Exception {
        String agent = server(401, "application/problem+json",
                problem(401, "the tracker rejected the session (expired or revoked): log in again"));
        loggedInWithAgentAt(agent, "http://127.0.0.1:9");

        CliRun run = CliRun.run(cwd, Map.of(), "show_downloads");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
        assertThat(run.errLines()).containsExactly("p2p: the session of alice has expired or was revoked; run `p2p login alice`");
    }

    @Test
    void withJsonAnErrorIsOneJsonObjectOnStderr() throws Exception {
        String tracker = server(409, "application/problem+json", problem(409, "user alice already exists"));

        CliRun run = CliRun.run(cwd, Map.of(), "--tracker", tracker, "create_user", "alice", "secret1", "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("{\"error\":\"user alice already exists\",\"exitCode\":1}");
        assertThat(run.out()).isEmpty();
        CliRun usage = CliRun.run(cwd, Map.of(), "--json", "lgoin");
        assertThat(usage.errLines()).containsExactly("{\"error\":\"unknown command 'lgoin'; did you mean login? (see 'p2p --help')\",\"exitCode\":2}");
    }

    @Test
    void aDestinationThatExistsNamesTheOptionThatReplacesIt() throws Exception {
        String agent = server(409, "application/problem+json", problem(409, "exists already (ask to overwrite it)"));
        loggedInWithAgentAt(agent, "http://127.0.0.1:9");
        Files.writeString(cwd.resolve("cat.jpg"), "an older cat");
        Files.createDirectory(cwd.resolve("pictures"));
        Files.writeString(cwd.resolve("pictures/cat.jpg"), "another cat");

        CliRun file = CliRun.run(cwd, Map.of(), "download_file", "photos", "cat.jpg", "cat.jpg");
        CliRun intoFolder = CliRun.run(cwd, Map.of(), "download_file", "photos", "cat.jpg", "pictures");

        assertThat(file.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(file.errLines()).containsExactly("p2p: " + cwd.resolve("cat.jpg") + " exists already; add --overwrite to replace it");
        assertThat(intoFolder.errLines())
                .containsExactly("p2p: " + cwd.resolve("pictures/cat.jpg") + " exists already; add --overwrite to replace it");
    }

    @Test
    void aFolderThatExistsNamesTheOptionThatMergesIntoIt() throws Exception {
        String agent = server(409, "application/problem+json", problem(409, "exists already (ask to overwrite it)"));
        loggedInWithAgentAt(agent, "http://127.0.0.1:9");
        Files.createDirectories(cwd.resolve("pictures/album"));

        CliRun run = CliRun.run(cwd, Map.of(), "download_file", "photos", "album", "pictures", "--only", "raw/*.cr3");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.errLines()).containsExactly("p2p: " + cwd.resolve("pictures/album") + " exists already; add"
                + " --overwrite to merge the folder into it (its files replace files of the same path, other files stay)");
    }
}
