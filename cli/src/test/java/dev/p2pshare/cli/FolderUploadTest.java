package dev.p2pshare.cli;

import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.SessionFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Real processes: upload_file of a folder through the agent a login starts, with what it skipped on stderr. */
class FolderUploadTest {
    @TempDir
    static Path dir;

    private static RealTracker tracker;

    @BeforeAll
    static void startTracker() throws Exception {
        tracker = RealTracker.start(dir.resolve("tracker"));
    }

    @AfterAll
    static void stopTracker() throws Exception {
        if (tracker != null) tracker.close();
    }

    private CliRun p2p(Path cwd, String... args) {
        return CliRun.run(cwd, Map.of("P2P_TRACKER", tracker.url(),
                AgentLauncher.AGENT_JAVA_OPTS_ENV, "-Dp2p.agent.chunk-address=127.0.0.1 -XX:TieredStopAtLevel=1"), args);
    }

    private CliRun ok(Path cwd, String... args) {
        CliRun run = p2p(cwd, args);
        assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isZero();
        return run;
    }

    @Test
    void aFolderIsSharedWithItsFileCountAndItsSymbolicLinksNamedOnStderr() throws Exception {
        Path alice = Files.createDirectories(dir.resolve("alice"));
        Path album = Files.createDirectories(alice.resolve("album/raw"));
        Files.write(album.resolve("IMG 0001.cr3"), new byte[600_000]);
        Files.writeString(alice.resolve("album/notes.txt"), "shot in Lisbon");
        Files.createDirectories(alice.resolve("album/edited"));
        Files.createSymbolicLink(alice.resolve("album/passwords"), Files.writeString(alice.resolve("secret.txt"), "x"));
        ok(alice, "create_user", "alice", "alice-pw");
        ok(alice, "login", "alice", "alice-pw");
        long pid = new Json().read(Files.readString(alice.resolve(".p2p").resolve(SessionFiles.ENDPOINT)), AgentEndpoint.class,
                "agent.json").pid();
        try {
            ok(alice, "create_group", "photos");

            CliRun upload = ok(alice, "upload_file", "album", "photos");

            assertThat(upload.out()).startsWith("Shared album in photos: 2 files, 1 empty folder, ");
            assertThat(upload.errLines()).containsExactly("p2p: skipped: passwords (symbolic link)");
            assertThat(ok(alice, "status", "--json").out()).contains("\"folder\":true", "\"files\":2", "\"emptyFolders\":1");
            assertThat(ok(alice, "status").out()).contains("album/ (2 files)");
            assertThat(ok(alice, "list_files", "photos").out()).contains("album/ (2 files)");
            assertThat(ok(alice, "list_files", "photos", "--json").out()).contains("\"folder\":true", "\"fileCount\":2");
            ok(alice, "stop_sharing", "photos", "album");
            assertThat(ok(alice, "status", "--json").out()).doesNotContain("\"name\":\"album\"");
        } finally {
            p2p(alice, "logout");
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
    }
}
