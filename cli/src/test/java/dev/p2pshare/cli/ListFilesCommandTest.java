package dev.p2pshare.cli;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.ManifestFile;
import dev.p2pshare.shared.control.SessionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code list_files <group> <name> --tree / --files}: what a shared folder holds, from a stand-in tracker. */
class ListFilesCommandTest {
    private static final String H = "ab".repeat(32);
    private static final String ALBUM = "/api/groups/photos/files/my album/manifest"; // the stand-in matches decoded paths
    private static final Manifest FOLDER = Manifest.folder("my album", List.of(
            new ManifestFile("a.txt", 0, H),
            new ManifestFile("raw/2024/IMG 1.cr3", 3_145_728, H),
            new ManifestFile("raw/b.txt", 1536, H),
            new ManifestFile("raw/ünï.txt", 10, H),
            new ManifestFile("readme.md", 700, H)), List.of("empty", "raw/2024/unsorted"), List.of(H, H, H, H, H, H, H));
    private static final Manifest FILE = new Manifest("cat.jpg", 3_000_000, Manifest.CHUNK_SIZE, H, List.of(H, H, H, H, H, H));

    @TempDir
    Path cwd;
    private StubTracker tracker;
    private final Json json = new Json();

    @BeforeEach
    void loggedIn() throws IOException {
        tracker = new StubTracker()
                .answer("GET", ALBUM, 200, json.write(FOLDER))
                .answer("GET", "/api/groups/photos/files/cat.jpg/manifest", 200, json.write(FILE));
        new SessionFolder(cwd.resolve(".p2p"), json)
                .saveSession(new SessionInfo("alice", List.of(tracker.url()), "tok", Instant.parse("2099-01-01T00:00:00Z"), null));
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    @Test
    void treeShowsFoldersThenFilesIndentedWithSizesAndEmptyFolders() {
        CliRun run = p2p("list_files", "photos", "my album", "--tree");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "my album/  (5 files, 3.0 MiB)",
                "  empty/  (empty)",
                "  raw/  (3 files, 3.0 MiB)",
                "    2024/  (1 file, 3.0 MiB)",
                "      unsorted/  (empty)",
                "      IMG 1.cr3  3.0 MiB",
                "    b.txt  1.5 KiB",
                "    ünï.txt  10 B",
                "  a.txt  0 B",
                "  readme.md  700 B");
        assertThat(p2p("list_files", "photos", "my album").out()).as("the tree is the default view").isEqualTo(run.out());
    }

    @Test
    void filesPrintsOneScriptFriendlyLinePerFile() {
        CliRun run = p2p("list_files", "photos", "my album", "--files");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "0  a.txt", "3145728  raw/2024/IMG 1.cr3", "1536  raw/b.txt", "10  raw/ünï.txt", "700  readme.md");
    }

    @Test
    void jsonPrintsTheSharesFilesAndEmptyFolders() {
        CliRun run = p2p("list_files", "photos", "my album", "--files", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip())
                .startsWith("{\"name\":\"my album\",\"folder\":true,\"size\":3147974,\"sha256\":\"" + FOLDER.sha256()
                        + "\",\"fileCount\":5,\"files\":[{\"path\":\"a.txt\",\"size\":0,\"sha256\":\"" + H + "\"}")
                .endsWith("\"emptyFolders\":[\"empty\",\"raw/2024/unsorted\"]}");
    }

    @Test
    void aSingleFileIsShownAsItself() {
        assertThat(p2p("list_files", "photos", "cat.jpg", "--tree").out().strip()).isEqualTo("cat.jpg  2.9 MiB");
        assertThat(p2p("list_files", "photos", "cat.jpg", "--files").out().strip()).isEqualTo("3000000  cat.jpg");
    }

    @Test
    void anUnknownShareIsTheTrackersOneLineRefusalAndAViewWithoutANameIsAUsageError() {
        CliRun unknown = p2p("list_files", "photos", "nothing", "--tree");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(unknown.errLines()).containsExactly("p2p: no such thing");
        assertThat(unknown.out()).isEmpty();

        CliRun noName = p2p("list_files", "photos", "--files");
        assertThat(noName.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noName.errLines()).singleElement().asString().contains("--tree and --files need a <name>");
        CliRun both = p2p("list_files", "photos", "my album", "--files", "--tree");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(tracker.requests()).containsExactly("GET /api/groups/photos/files/nothing/manifest ");
    }

    private CliRun p2p(String... args) {
        return CliRun.run(cwd, java.util.Map.of(), args);
    }
}
