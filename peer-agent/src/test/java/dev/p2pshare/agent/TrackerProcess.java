package dev.p2pshare.agent;

import dev.p2pshare.shared.testing.TestCertificate;

import javax.net.ssl.HttpsURLConnection;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real tracker, run from its jar as a child process on a free loopback port with a throw-away
 * data folder. Short grants (8 s) so that tests can watch one expire.
 */
public final class TrackerProcess implements AutoCloseable {
    public static final Duration GRANT_TTL = Duration.ofSeconds(8);
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(120);

    private Process process;
    private final Path dataDir;
    private final String url;
    private final List<String> command;
    private final TestCertificate tls;

    private TrackerProcess(Process process, Path dataDir, String url, List<String> command, TestCertificate tls) {
        this.process = process;
        this.dataDir = dataDir;
        this.url = url;
        this.command = command;
        this.tls = tls;
    }

    public static TrackerProcess start() throws Exception {
        return start(null);
    }

    /**
     * A tracker that speaks HTTPS with {@code tls}'s key store and is checked for health trusting its
     * certificate; plain HTTP when {@code tls} is null.
     */
    public static TrackerProcess start(TestCertificate tls) throws Exception {
        Path jar = Path.of(System.getProperty("p2p.test.tracker-jar", "../tracker-service/target/tracker-service.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the integration tests run the real tracker, but " + jar.toAbsolutePath()
                    + " is missing: build it first (mvn -pl tracker-service -am package -DskipTests), or run mvn verify"
                    + " from the root");
        }
        int port = freePort();
        Path data = Files.createTempDirectory("p2p-tracker-");
        // Run a private copy: a rebuild of the module must not pull classes from under the running tracker.
        jar = Files.copy(jar, data.resolve("tracker-service.jar"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString(),
                "--server.port=" + port, "--server.address=127.0.0.1", "--p2p.tracker.data-dir=" + data,
                "--p2p.tracker.grant-ttl=" + GRANT_TTL.toSeconds() + "s",
                // every test user logs in from 127.0.0.1, several at once: the per-address limits and the hash
                // gate are the tracker's own tests' business
                "--p2p.tracker.auth-requests-per-minute=100000", "--p2p.tracker.password-hash-concurrency=16"));
        if (tls != null) command.addAll(tls.serverArguments("tracker"));
        Process process = launch(command, data);
        TrackerProcess tracker = new TrackerProcess(process, data, (tls == null ? "http" : "https") + "://127.0.0.1:" + port,
                command, tls);
        try {
            tracker.awaitHealthy();
        } catch (Exception e) {
            tracker.close();
            throw e;
        }
        return tracker;
    }

    public String url() {
        return url;
    }

    /** What the tracker process wrote (stdout and stderr) since it first started. */
    public Path log() {
        return dataDir.resolve("tracker.log");
    }

    private static Process launch(List<String> command, Path data) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("tracker.log").toFile())).start();
    }

    /** Stops the tracker process but keeps its data folder and port for {@link #resume()}. */
    public void halt() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Starts the tracker again on the same port and data folder (after {@link #halt()}); waits until healthy. */
    public void resume() throws Exception {
        if (process.isAlive()) throw new IllegalStateException("the tracker is still running");
        process = launch(command, dataDir);
        awaitHealthy();
    }

    private void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the tracker exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url + "/actuator/health").toURL().openConnection();
                if (tls != null) ((HttpsURLConnection) connection).setSSLSocketFactory(tls.trustingOnlyThis().getSocketFactory());
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(2000);
                if (connection.getResponseCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the tracker did not become healthy within " + STARTUP_LIMIT + ":\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops the tracker process this test started (by its own handle, never by name). */
    @Override
    public void close() throws Exception {
        halt();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
