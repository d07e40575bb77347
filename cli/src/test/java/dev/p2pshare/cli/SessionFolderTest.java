package dev.p2pshare.cli;

import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.SessionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionFolderTest {
    @TempDir
    Path dir;

    private final Json json = new Json();

    @Test
    void sessionIsWrittenReadableOnlyByItsOwner() throws Exception {
        SessionFolder home = new SessionFolder(dir.resolve(".p2p"), json);
        SessionInfo session = new SessionInfo("alice", List.of("http://127.0.0.1:9000"), "tok", Instant.parse("2030-01-01T00:00:00Z"), null);

        home.saveSession(session);

        Path file = dir.resolve(".p2p/session.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(home.session()).contains(session);
        home.deleteSession();
        assertThat(home.session()).isEmpty();
    }

    @Test
    void anAgentCountsAsRunningOnlyWhileItsProcessLives() throws Exception {
        SessionFolder home = new SessionFolder(dir, json);
        assertThat(home.runningAgent()).isEmpty();

        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        Files.writeString(dir.resolve("agent.json"), json.write(new AgentEndpoint(exited.pid(), "http://127.0.0.1:1", "http://x:2")));
        assertThat(home.runningAgent()).isEmpty();

        AgentEndpoint alive = new AgentEndpoint(ProcessHandle.current().pid(), "http://127.0.0.1:1", "http://x:2");
        Files.writeString(dir.resolve("agent.json"), json.write(alive));
        assertThat(home.runningAgent()).contains(alive);
    }

    @Test
    void aZombieIsNotAlive() throws Exception {
        // `sleep 0.1` exits while its parent (sh, replaced by `sleep 5`) never reaps it: a zombie.
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0.1 & echo $!; exec sleep 5").start();
        try {
            long zombie = Long.parseLong(parent.inputReader().readLine().strip());
            Thread.sleep(600);
            assertThat(ProcessHandle.of(zombie).map(ProcessHandle::isAlive)).as("the JDK's view").contains(true);
            assertThat(SessionFolder.isAlive(zombie)).isFalse();
            assertThat(SessionFolder.isAlive(parent.pid())).isTrue();
        } finally {
            parent.destroy();
        }
    }

    @Test
    void theSecretIsReadWithoutItsLineEnd() throws Exception {
        Files.writeString(dir.resolve("agent.secret"), "s3cr3t\n");

        assertThat(new SessionFolder(dir, json).secret()).isEqualTo("s3cr3t");
    }
}
