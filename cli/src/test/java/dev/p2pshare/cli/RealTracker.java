package dev.p2pshare.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real tracker, run by bin/tracker (from tracker-service/target/tracker-service.jar, packaged before the CLI in a
 * root build) on a free loopback port, with its state in a given folder; found ready by its one console line.
 */
final class RealTracker implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("^tracker ready at (\\S+) \\(Swagger UI: \\S+/swagger-ui\\.html\\)$");
    private static final long START_TIMEOUT_SECONDS = 120;

    private final Process process;
    private final String url;
    private final List<String> console;

    private RealTracker(Process process, String url, List<String> console) {
        this.process = process;
        this.url = url;
        this.console = console;
    }

    static RealTracker start(Path dir) throws Exception {
        Path jar = AgentLauncher.repository().resolve("tracker-service/target/tracker-service.jar");
        assertThat(jar).as("this test starts the real tracker: package it first (mvn -pl tracker-service -am package "
                + "-DskipTests), or run mvn verify from the root").isRegularFile();
        Files.createDirectories(dir);
        ProcessBuilder tracker = new ProcessBuilder(AgentLauncher.repository().resolve("bin/tracker").toString(),
                "--server.address=127.0.0.1", "--server.port=0", "--p2p.tracker.password-hash-memory=1MB")
                .directory(dir.toFile());
        tracker.environment().put("JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        tracker.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        Process process = tracker
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        List<String> console = new CopyOnWriteArrayList<>();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    console.add(line);
                    Matcher matcher = READY.matcher(line);
                    if (matcher.matches()) ready.complete(matcher.group(1));
                }
            } catch (IOException e) {
                // the process is gone
            }
            ready.completeExceptionally(new IllegalStateException("the tracker exited: " + console));
        }, "tracker-console");
        reader.setDaemon(true);
        reader.start();
        try {
            return new RealTracker(process, ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS), console);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    String url() {
        return url;
    }

    /** What it printed on its console so far. */
    List<String> console() {
        return List.copyOf(console);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
