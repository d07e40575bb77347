package dev.p2pshare.cli;

import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.SessionFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Real processes: upload_file of a folder through the agent a login starts, with what it skipped on stderr. */
class FolderUploadTest {
    @TempDir
    static Path dir;

    private static RealProcesses processes;

    @BeforeAll
    static void startTracker() throws Exception {
        processes = RealProcesses.start(dir.resolve("tracker"));
    }

    @AfterAll
    static void stopTracker() throws Exception {
        if (processes != null) processes.close();
    }

    @Test
    void aFolderIsSharedWithItsFileCountAndItsSymbolicLinksNamedOnStderr() throws Exception {
        Path alice = Files.createDirectories(dir.resolve("alice"));
        Path album = Files.createDirectories(alice.resolve("album/raw"));
        Files.write(album.resolve("IMG 0001.cr3"), new byte[600_000]);
        Files.writeString(alice.resolve("album/notes.txt"), "shot in Lisbon");
        Files.createDirectories(alice.resolve("album/edited"));
        Files.createSymbolicLink(alice.resolve("album/passwords"), Files.writeString(alice.resolve("secret.txt"), "x"));
        processes.ok(alice, "create_user", "alice", "alice-pw");
        processes.ok(alice, "login", "alice", "alice-pw");
        long pid = new Json().read(Files.readString(alice.resolve(".p2p").resolve(SessionFiles.ENDPOINT)), AgentEndpoint.class,
                "agent.json").pid();
        try {
            processes.ok(alice, "create_group", "photos");

            CliRun upload = processes.ok(alice, "upload_file", "album", "photos");

            assertThat(upload.out()).startsWith("Shared album in photos: 2 files, 1 empty folder, ");
            assertThat(upload.errLines()).containsExactly("p2p: skipped: passwords (symbolic link)");
            assertThat(processes.ok(alice, "status", "--json").out()).contains("\"folder\":true", "\"files\":2", "\"emptyFolders\":1");
            assertThat(processes.ok(alice, "status").out()).contains("album/ (2 files)");
            assertThat(processes.ok(alice, "list_files", "photos").out().lines()).anyMatch(line -> line.matches("album/ +\\S+ \\S+ +2 +2 +1 .*"));
            assertThat(processes.ok(alice, "list_files", "photos", "--json").out()).contains("\"folder\":true", "\"fileCount\":2");
            processes.ok(alice, "stop_sharing", "photos", "album");
            assertThat(processes.ok(alice, "status", "--json").out()).doesNotContain("\"name\":\"album\"");
        } finally {
            processes.p2p(alice, "logout");
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
    }
}
