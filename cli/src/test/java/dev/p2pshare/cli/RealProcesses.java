package dev.p2pshare.cli;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracker as bin/tracker runs it, and the CLI run against it, each login starting its agent as a process. */
final class RealProcesses implements AutoCloseable {
    private final RealTracker tracker;

    private RealProcesses(RealTracker tracker) {
        this.tracker = tracker;
    }

    /** Starts the tracker with its state below {@code dir}. */
    static RealProcesses start(Path dir) throws Exception {
        return new RealProcesses(RealTracker.start(dir));
    }

    RealTracker tracker() {
        return tracker;
    }

    CliRun p2p(Path cwd, String... args) {
        return CliRun.run(cwd, Map.of("P2P_TRACKER", tracker.url(),
                AgentLauncher.AGENT_JAVA_OPTS_ENV, "-Dp2p.agent.chunk-address=127.0.0.1 -XX:TieredStopAtLevel=1"), args);
    }

    /** Runs the CLI and expects it to succeed. */
    CliRun ok(Path cwd, String... args) {
        CliRun run = p2p(cwd, args);
        assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isZero();
        return run;
    }

    @Override
    public void close() throws Exception {
        tracker.close();
    }
}
