package dev.p2pshare.cli;

import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.SessionFiles;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Starts a session folder's agent as a detached background process (its own session via setsid, so
 * it outlives the CLI and the terminal) and waits until its control API answers.
 */
final class AgentLauncher {
    static final String AGENT_JAR_ENV = "P2P_AGENT_JAR";
    /** Extra JVM options for the agent, space separated. */
    static final String AGENT_JAVA_OPTS_ENV = "P2P_AGENT_JAVA_OPTS";
    static final String AGENT_HEAP = "-Xmx128m";
    static final String EXIT_ON_OUT_OF_MEMORY = "-XX:+ExitOnOutOfMemoryError";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, String> env;
    private final Path trustCertificate;

    AgentLauncher(Map<String, String> env) {
        this(env, null);
    }

    /** @param trustCertificate the CLI's --trust-cert, handed on to the agent (null: none) */
    AgentLauncher(Map<String, String> env, Path trustCertificate) {
        this.env = env;
        this.trustCertificate = trustCertificate;
    }

    /**
     * The repository the CLI runs from: its jar is {@code <repo>/cli/target/p2p-cli.jar} (or, in tests,
     * its classes are in {@code <repo>/cli/target/classes}).
     */
    static Path repository() {
        try {
            Path location = Path.of(AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path repo = location.toAbsolutePath();
            for (int up = 0; up < 3 && repo != null; up++) repo = repo.getParent(); // jar or classes -> target -> cli -> repo
            return repo == null ? Path.of("").toAbsolutePath() : repo;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    Path agentJar() {
        String fromEnv = env.get(AGENT_JAR_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) return Path.of(fromEnv).toAbsolutePath();
        return repository().resolve("peer-agent/target/peer-agent.jar");
    }

    /** The agent's command line: detached, the session folder, and the repository's user settings on top of the defaults. */
    List<String> command(Path home) {
        List<String> command = new ArrayList<>();
        findOnPath("setsid").ifPresent(setsid -> command.add(setsid.toString()));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The agent streams every file through small bounded buffers; a small heap keeps its RSS low
        // (about 250 MiB while downloading at full speed). An -Xmx in P2P_AGENT_JAVA_OPTS comes later and wins.
        command.add(AGENT_HEAP);
        // An agent out of memory may no longer answer either listener; better gone (and restarted by the next
        // login) than alive and deaf, holding the session folder's lock.
        command.add(EXIT_ON_OUT_OF_MEMORY);
        String javaOpts = env.get(AGENT_JAVA_OPTS_ENV);
        if (javaOpts != null && !javaOpts.isBlank()) command.addAll(Arrays.asList(javaOpts.strip().split("\\s+")));
        command.add("-jar");
        command.add(agentJar().toString());
        command.add("--p2p.agent.home=" + home);
        if (trustCertificate != null) command.add("--p2p.agent.trust-certificate=" + trustCertificate);
        command.add("--spring.config.additional-location=optional:file:" + repository().resolve("application.yml"));
        return command;
    }

    /** Refuses early (before logging in) when there is no agent to start. */
    void checkInstalled() {
        Path jar = agentJar();
        if (!Files.isRegularFile(jar)) {
            throw CliFailure.refused("the agent jar " + jar + " is missing; build it with "
                    + "`mvn -B -q -pl peer-agent -am package -DskipTests` or run the CLI through bin/p2p");
        }
    }

    /**
     * Starts the agent with no stdin and its stderr appended to agent.log (so a JVM that cannot start
     * leaves its reason there). Its stdout is dropped: the agent logs to agent.log itself, and its
     * console log would only repeat every line.
     */
    Process start(SessionFolder home) {
        checkInstalled();
        home.create();
        Path log = home.ownerOnlyFile(SessionFiles.LOG);
        try {
            return new ProcessBuilder(command(home.dir()))
                    .directory(home.dir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw CliFailure.refused("cannot start the agent: " + HttpApi.describe(e));
        }
    }

    /**
     * Waits until agent.json names a live process whose control API answers {@code ready} (given the
     * endpoint, it throws CliFailure while the agent is not ready yet). Fails early if the agent exits.
     */
    AgentEndpoint awaitReady(SessionFolder home, Process process, BiFunction<SessionFolder, AgentEndpoint, ?> ready) {
        String log = home.file(SessionFiles.LOG).toString();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive() && process.exitValue() != 0) {
                throw CliFailure.unreachable("the agent exited with code " + process.exitValue() + " before it was ready; see " + log);
            }
            try {
                Optional<AgentEndpoint> endpoint = home.runningAgent();
                if (endpoint.isPresent()) {
                    ready.apply(home, endpoint.get());
                    return endpoint.get();
                }
            } catch (CliFailure notYet) {
                // agent.json half written, or the control API not answering yet
            }
            sleep(POLL);
        }
        throw CliFailure.unreachable("the agent did not become ready within " + READY_TIMEOUT.toSeconds() + " s; see " + log);
    }

    /** Waits until process {@code pid} has exited; true when it did within {@code timeout}. */
    static boolean awaitExit(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (SessionFolder.isAlive(pid)) {
            if (System.nanoTime() >= deadline) return false;
            sleep(POLL);
        }
        return true;
    }

    private Optional<Path> findOnPath(String program) {
        String path = env.getOrDefault("PATH", "/usr/bin:/bin");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.refused("interrupted");
        }
    }
}
