package dev.p2pshare.cli;

import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.SessionFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real login: the CLI starts the agent from peer-agent/target/peer-agent.jar (packaged before the CLI in a
 * root build) against a stand-in tracker, and the session folder it leaves is its owner's alone.
 */
class LoginFilesTest {
    @TempDir
    Path cwd;

    @Test
    void afterLoginTheSessionFolderAndEverythingInItAreOwnerOnly() throws Exception {
        Path agentJar = AgentLauncher.repository().resolve("peer-agent/target/peer-agent.jar");
        assertThat(agentJar).as("this test starts the real agent: package it first (mvn -pl peer-agent -am package "
                + "-DskipTests), or run mvn verify from the root").isRegularFile();
        // What an older version, or a umask of 022, left behind: all readable by every local user.
        Path home = Files.createDirectory(cwd.resolve(".p2p"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.writeString(home.resolve(SessionFiles.LOG), "an older agent's log\n");
        Files.setPosixFilePermissions(home.resolve(SessionFiles.LOG), PosixFilePermissions.fromString("rw-r--r--"));

        try (StubTracker tracker = new StubTracker()) {
            tracker.answer("POST", "/api/sessions", 200, "{\"token\":\"tok\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}");
            Map<String, String> env = Map.of("P2P_TRACKER", tracker.url(),
                    AgentLauncher.AGENT_JAVA_OPTS_ENV, "-Dp2p.agent.chunk-address=127.0.0.1 -XX:TieredStopAtLevel=1");
            CliRun login = CliRun.run(cwd, env, "login", "alice", "alice-secret");
            long pid = new Json().read(Files.readString(home.resolve(SessionFiles.ENDPOINT)), AgentEndpoint.class, "agent.json").pid();
            try {
                assertThat(login.exitCode()).as(login.err()).isZero();
                assertThat(login.errLines()).containsExactly(
                        "p2p: " + home + " was open to other users; narrowed it to mode 0700 (owner only)");
                assertThat(ProcessHandle.of(pid).flatMap(agent -> agent.info().arguments()).map(List::of).orElseThrow())
                        .as("an agent out of memory exits rather than staying deaf").contains("-XX:+ExitOnOutOfMemoryError");

                Map<String, String> modes = modes(home);
                assertThat(modes).containsKeys(".", SessionFiles.SESSION, SessionFiles.SECRET, SessionFiles.ENDPOINT,
                        SessionFiles.LOG, "agent.lock", SessionFolder.PASSWORD_CHECK);
                modes.forEach((name, mode) -> assertThat(mode).as(name)
                        .isEqualTo(Files.isDirectory(home.resolve(name), LinkOption.NOFOLLOW_LINKS) ? "rwx------" : "rw-------"));
                assertThat(home.resolve(SessionFiles.LOG)).content().startsWith("an older agent's log").contains("agent ready");
            } finally {
                CliRun.run(cwd, env, "logout");
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            }
        }
    }

    /** Every file and folder under {@code home} (links not followed) and its mode. */
    private static Map<String, String> modes(Path home) throws Exception {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : paths.toList()) {
                String name = home.equals(path) ? "." : home.relativize(path).toString();
                modes.put(name, PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)));
            }
        }
        return modes;
    }
}
