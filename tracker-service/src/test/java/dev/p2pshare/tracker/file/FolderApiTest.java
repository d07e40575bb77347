package dev.p2pshare.tracker.file;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.ManifestFile;
import dev.p2pshare.shared.tracker.FileDetails;
import dev.p2pshare.shared.tracker.FileSummary;
import dev.p2pshare.tracker.TestDatabase;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerInstance;
import dev.p2pshare.tracker.TrackerTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.p2pshare.tracker.TrackerClient.filePath;
import static dev.p2pshare.tracker.TrackerClient.filesPath;
import static dev.p2pshare.tracker.TrackerClient.folder;
import static dev.p2pshare.tracker.TrackerClient.randomHash;
import static org.assertj.core.api.Assertions.assertThat;

/** Shared folders on the tracker: registered, read back, listed as one entry; unsafe or oversized ones refused. */
class FolderApiTest extends TrackerTest {
    private static final List<String> TREE = List.of("empty.txt", "raw/IMG 0001.cr3", "raw/ünï çödé.txt", "readme.md");

    @Test
    void aFolderRegistersReadsBackIdenticalAndIsListedAsOneEntry() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String group = api.newGroup(alice, false);
        Manifest album = folder("album", TREE, 700_000, List.of("raw/unsorted", "z empty"));
        api.announce(alice);

        TrackerClient.Response shared = api.share(alice, group, album);
        assertThat(shared.status()).as(shared.body()).isEqualTo(201);
        FileSummary entry = new FileSummary("album", 2_800_000, album.sha256(), 6, 1, true, 4);
        assertThat(shared.as(FileSummary.class)).isEqualTo(entry);
        assertThat(api.get(filesPath(group), bob.token()).as(FileSummary[].class)).containsExactly(entry);
        assertThat(api.get(filesPath(group), bob.token()).json().get(0).get("folder").asBoolean()).isTrue();

        assertThat(api.details(bob, group, "album").manifest()).isEqualTo(album);
        assertThat(api.get(filePath(group, "album") + "/manifest", bob.token()).as(Manifest.class)).isEqualTo(album);
        assertThat(api.share(bob, group, album).problem(403)).contains("member");
    }

    @Test
    void aSingleFileIsListedAsOneFileAndItsManifestHasNoFileList() {
        TrackerClient api = api();
        User alice = api.newUser();
        Manifest file = TrackerClient.manifest("cat.jpg", 3_000_000);
        String group = api.groupSharing(alice, false, file);

        assertThat(api.get(filesPath(group), alice.token()).as(FileSummary[].class))
                .containsExactly(new FileSummary("cat.jpg", 3_000_000, file.sha256(), 6, 0, false, 1));
        TrackerClient.Response manifest = api.get(filePath(group, "cat.jpg") + "/manifest", alice.token());
        assertThat(manifest.as(Manifest.class)).isEqualTo(file);
        assertThat(manifest.json().has("files")).isFalse();
        assertThat(api.get(filePath(group, "nothing") + "/manifest", alice.token()).problem(404)).contains("nothing");
    }

    @Test
    void sameNameWithOtherFilesIsAConflictAndTheSameFolderAddsASeeder() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        Manifest album = folder("album", TREE, 10, List.of());
        String group = api.groupSharing(alice, false, album);
        api.join(bob, group);

        assertThat(api.share(bob, group, album).status()).isEqualTo(201);
        Manifest other = folder("album", List.of("a.txt"), 10, List.of());
        assertThat(api.share(bob, group, other).problem(409)).contains("album");
    }

    @Test
    void everyHostilePathIsRefusedWithA400NamingIt() {
        TrackerClient api = api();
        User alice = api.newUser();
        String group = api.newGroup(alice, false);
        Map<Manifest, String> refused = new LinkedHashMap<>();
        refused.put(folder("a", List.of("/etc/passwd"), 1, List.of()), "is absolute");
        refused.put(folder("a", List.of("raw/../../etc/passwd"), 1, List.of()), "contains '..'");
        refused.put(folder("a", List.of("raw\\..\\boot.ini"), 1, List.of()), "contains '\\'");
        refused.put(folder("a", List.of("raw/a\0.txt"), 1, List.of()), "contains NUL");
        refused.put(folder("a", List.of("raw/a\u001b[2J.txt"), 1, List.of()), "control characters");
        refused.put(folder("a", List.of("C:/Windows/win.ini"), 1, List.of()), "drive letter");
        refused.put(folder("a", List.of("Photo.jpg", "photo.jpg"), 1, List.of()), "collides");
        refused.put(folder("a", List.of("raw", "raw/a.txt"), 1, List.of()), "folder raw collides with file raw");
        refused.put(folder("a", List.of("a.txt"), 1, List.of("a.txt")), "collides");
        refused.put(folder("a", List.of("b.txt", "a.txt"), 1, List.of()), "path order");
        refused.put(folder("a", List.of("raw/a.txt"), 1, List.of("/tmp")), "is absolute");
        Manifest honest = folder("a", List.of("a.txt"), 1, List.of());
        refused.put(new Manifest("a", 1, Manifest.CHUNK_SIZE, randomHash(), honest.chunks(), honest.files(),
                honest.emptyFolders()), "not the folder's identity");
        List<ManifestFile> lying = List.of(new ManifestFile("a.txt", 2, randomHash()));
        refused.put(new Manifest("a", 1, Manifest.CHUNK_SIZE, Manifest.folderIdentity(lying, List.of(), honest.chunks()),
                honest.chunks(), lying, List.of()), "add up to 2 bytes");

        refused.forEach((manifest, reason) -> assertThat(api.share(alice, group, manifest).problem(400))
                .as(manifest.files().toString()).startsWith("manifest: ").contains(reason));
        assertThat(api.get(filesPath(group), alice.token()).json()).isEmpty();
    }

    @Test
    void foldersBeyondTheLimitsAreRefusedNamingTheSettingAndOnlySharingTakesLargerBodies() {
        try (TrackerInstance tracker = TrackerInstance.start(TestDatabase.fresh(), "p2p.tracker.max-request-size=8KB",
                "p2p.tracker.folder-limits.max-files=100", "p2p.tracker.folder-limits.max-path-bytes=40",
                "p2p.tracker.folder-limits.max-depth=3")) {
            TrackerClient api = tracker.client();
            User alice = api.newUser();
            String group = api.newGroup(alice, false);
            assertThat(api.share(alice, group, folder("a", paths(101), 1, List.of())).problem(400))
                    .contains("101 entries, more than max-files (100)");
            assertThat(api.share(alice, group, folder("a", paths(100), 1, List.of("x"))).problem(400))
                    .contains("max-files (100)");
            assertThat(api.share(alice, group, folder("a", List.of("a/" + "b".repeat(40)), 1, List.of())).problem(400))
                    .contains("more than max-path-bytes (40)");
            assertThat(api.share(alice, group, folder("a", List.of("a/b/c/d.txt"), 1, List.of())).problem(400))
                    .contains("4 deep, more than max-depth (3)");
            assertThat(api.share(alice, group, folder("a", List.of("a/b/c.txt"), 1, List.of())).status()).isEqualTo(201);

            // 100 files of about 120 bytes of JSON each pass the 8 KiB limit only because sharing allows 200 per file.
            Manifest full = folder("full", paths(100), 1, List.of());
            assertThat(TrackerClient.JSON.writeValueAsString(full).length()).isGreaterThan(8 * 1024);
            assertThat(api.share(alice, group, full).status()).isEqualTo(201);
            String big = "{\"name\": \"" + "x".repeat(10 * 1024) + "\"}";
            assertThat(api.post("/api/groups", alice.token(), big).problem(413)).contains("larger than 8192 bytes");
            assertThat(api.post(filesPath(group), alice.token(), "[" + "0,".repeat(20_000) + "0]").problem(413))
                    .contains("larger than " + (8 * 1024 + 100 * 200) + " bytes");
        }
    }

    @Test
    void tenThousandFilesRegisterAndReadBackQuickly() {
        TrackerClient api = api();
        User alice = api.newUser();
        String group = api.newGroup(alice, false);
        Manifest tree = folder("dataset", paths(10_000), 100_000, List.of("empty/one", "empty/two"));

        long start = System.nanoTime();
        TrackerClient.Response shared = api.share(alice, group, tree);
        long registered = System.nanoTime();
        TrackerClient.Response details = api.get(filePath(group, "dataset"), alice.token());
        long read = System.nanoTime();
        System.out.printf("10,000-file folder (%d chunks, %d bytes of JSON): registered in %d ms, read back in %d ms%n",
                tree.chunkCount(), TrackerClient.JSON.writeValueAsString(tree).length(), (registered - start) / 1_000_000,
                (read - registered) / 1_000_000);

        assertThat(shared.status()).as(shared.body()).isEqualTo(201);
        assertThat(shared.as(FileSummary.class).fileCount()).isEqualTo(10_000);
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.as(FileDetails.class).manifest()).isEqualTo(tree);
    }

    /** {@code count} file paths in path order, spread over nested folders. */
    private static List<String> paths(int count) {
        List<String> paths = new ArrayList<>(count);
        for (int i = 0; i < count; i++) paths.add(String.format("d%02d/s%02d/file-%05d.bin", i / 1000, i / 100 % 10, i));
        return paths;
    }
}
