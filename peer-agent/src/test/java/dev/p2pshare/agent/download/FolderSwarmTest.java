package dev.p2pshare.agent.download;

import dev.p2pshare.agent.EvilPeer;
import dev.p2pshare.agent.RealTracker;
import dev.p2pshare.agent.TestAgent;
import dev.p2pshare.agent.TestFolder;
import dev.p2pshare.agent.TestGroup;
import dev.p2pshare.agent.TrackerApi;
import dev.p2pshare.agent.TrackerProcess;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadRequest;
import dev.p2pshare.shared.control.DownloadState;
import dev.p2pshare.shared.control.DroppedPeer;
import dev.p2pshare.shared.control.ShareInfo;
import dev.p2pshare.shared.tracker.SessionToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Folders shared by real agents and downloaded by others through the real tracker: rebuilt byte for byte,
 * chosen in part, resumed after a kill, cancelled, next to a lying seeder and a link planted mid-download.
 */
@ExtendWith(RealTracker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FolderSwarmTest {
    private static final String GROUP = "folder-swarm";
    private static final String THROTTLED = "--p2p.agent.max-upload-rate=2MB";
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final int C = Manifest.CHUNK_SIZE;

    private Path dir;
    private TrackerApi tracker;
    private TestGroup group;
    private TestAgent alice;
    private TestAgent slowAlice;
    private TestAgent bob;

    @BeforeAll
    void start(TrackerProcess trackerProcess, @TempDir Path tempDir) {
        dir = tempDir;
        group = new TestGroup(trackerProcess, dir, GROUP);
        tracker = group.tracker();
        alice = group.agent("folders-alice", group.owner("folders-alice"));
        slowAlice = group.memberAgent("folders-slow", THROTTLED);
        bob = group.memberAgent("folders-bob");
    }

    @AfterAll
    void stop() {
        group.close();
    }

    /** A tree of many small files in nested folders, a file larger than a chunk, empty files and folders. */
    private TestFolder album(String name) throws IOException {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        Random random = new Random(name.hashCode());
        for (int i = 0; i < 120; i++) sizes.put("photos/" + (i % 7) + "/IMG " + i + ".jpg", 1 + random.nextInt(20_000));
        for (int i = 0; i < 6; i++) sizes.put("raw/IMG_" + i + ".cr3", C / 3 + random.nextInt(C));
        sizes.put("ünïcödé/Grüße aus Köln.txt", 1234);
        sizes.put("empty.txt", 0);
        sizes.put("video/big.mov", 3 * C + 17);
        return TestFolder.write(dir.resolve("originals").resolve(name), sizes, List.of("raw/rejects", "notes/empty"));
    }

    private Path downloads(String who) throws IOException {
        return Files.createDirectories(dir.resolve("downloads-" + who));
    }

    private static DownloadInfo download(TestAgent agent, String name, Path dest, List<String> only, List<String> exclude) {
        TestAgent.Reply reply = agent.control("POST", "/control/downloads",
                new DownloadRequest(GROUP, name, dest.toString(), null, null, null, only, exclude));
        reply.expect(200, 201);
        return reply.as(DownloadInfo.class);
    }

    @Test
    void aFolderSharedByOneAgentArrivesByteForByteAtAnother() throws Exception {
        TestFolder album = album("album");
        alice.share(album.root(), GROUP);

        long started = System.nanoTime();
        DownloadInfo done = bob.awaitComplete(bob.download(GROUP, "album", downloads("bob")).id(), LIMIT);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        album.assertCopiedTo(downloads("bob").resolve("album"));
        assertThat(downloads("bob").resolve("album.part")).doesNotExist();
        assertThat(done.filesDone()).isEqualTo(done.filesTotal()).isEqualTo(album.manifest().fileCount());
        assertThat(done.size()).isEqualTo(album.manifest().size());
        assertThat(done.chunksDone()).isEqualTo(album.manifest().chunkCount());
        assertThat(took).as("%d files, %d bytes", done.filesTotal(), done.size()).isLessThan(LIMIT);
        assertThat(bob.status().shares()).extracting(ShareInfo::name).as("the downloader seeds it now").contains("album");
    }

    @Test
    void onlyTheChosenFilesAndTheChunksTheyTouchAreFetched() throws Exception {
        TestFolder album = album("chosen");
        alice.share(album.root(), GROUP);
        TestAgent carol = group.memberAgent("folders-carol");
        double verifiedBefore = carol.counter("p2p.chunks.verified");

        DownloadInfo done = carol.awaitComplete(download(carol, "chosen", downloads("carol"), List.of("raw/*.cr3", "ünïcödé"),
                List.of("raw/IMG_0.cr3")).id(), LIMIT);

        Path copy = downloads("carol").resolve("chosen");
        try (Stream<Path> files = Files.walk(copy)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> copy.relativize(p).toString()))
                    .containsExactlyInAnyOrder("raw/IMG_1.cr3", "raw/IMG_2.cr3", "raw/IMG_3.cr3", "raw/IMG_4.cr3",
                            "raw/IMG_5.cr3", "ünïcödé/Grüße aus Köln.txt");
        }
        for (String path : List.of("raw/IMG_3.cr3", "ünïcödé/Grüße aus Köln.txt")) {
            assertThat(Files.mismatch(copy.resolve(path), album.file(path))).isEqualTo(-1L);
        }
        assertThat(copy.resolve("raw/rejects")).as("an empty folder no glob names").doesNotExist();
        assertThat(done.filesTotal()).isEqualTo(6);
        assertThat(done.chunkCount()).isLessThan(album.manifest().chunkCount());
        assertThat(carol.counter("p2p.chunks.verified") - verifiedBefore).isEqualTo(done.chunkCount());
        assertThat(carol.status().shares()).extracting(ShareInfo::name).as("a part of a folder is not seeded")
                .doesNotContain("chosen");

        TestAgent.Reply none = carol.control("POST", "/control/downloads", new DownloadRequest(GROUP, "chosen",
                downloads("carol-none").toString(), null, null, null, List.of("*.pdf"), List.of()));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.text()).contains("no file in chosen matches --only *.pdf");
    }

    @Test
    void aDownloaderKilledHalfWayResumesAndFetchesOnlyTheMissingChunks() throws Exception {
        TestFolder album = album("resumed");
        slowAlice.share(album.root(), GROUP);
        TestAgent frank = group.memberAgent("folders-frank");
        Path downloads = downloads("frank");
        int chunks = album.manifest().chunkCount();

        DownloadInfo started = frank.download(GROUP, "resumed", downloads);
        frank.awaitDownload(started.id(), LIMIT, d -> d.chunksDone() >= 4 && d.filesDone() >= 1);
        frank.close();
        assertThat(downloads.resolve("resumed.part")).isDirectory();

        frank = group.restart(frank);
        SwarmDownload resumed = frank.bean(DownloadService.class).download(started.id());
        assertThat(resumed.resumedChunks()).isBetween(4, chunks - 1);
        DownloadInfo done = frank.awaitComplete(started.id(), LIMIT);

        assertThat(resumed.fetchedChunks()).isEqualTo(chunks - resumed.resumedChunks());
        assertThat(done.filesDone()).isEqualTo(album.manifest().fileCount());
        album.assertCopiedTo(downloads.resolve("resumed"));
        assertThat(downloads.resolve("resumed.part")).doesNotExist();
    }

    @Test
    void aLyingSeederInsideAFolderShareIsDroppedAndTheFolderStillArrivesIntact() throws Exception {
        TestFolder album = album("lied");
        alice.share(album.root(), GROUP);
        SessionToken mallory = group.member("folders-mallory");
        TestAgent erin = group.memberAgent("folders-erin");
        try (EvilPeer liar = new EvilPeer(album.manifest(), EvilPeer.Mode.LIAR)) {
            tracker.registerFile(mallory, GROUP, album.manifest());
            tracker.announce(mallory, liar.url());

            DownloadInfo done = erin.awaitComplete(erin.download(GROUP, "lied", downloads("erin")).id(), LIMIT);

            album.assertCopiedTo(downloads("erin").resolve("lied"));
            assertThat(liar.chunksServed()).isGreaterThanOrEqualTo(SwarmDownload.MAX_BAD_CHUNKS);
            assertThat(done.droppedPeers()).extracting(DroppedPeer::username).containsExactly("folders-mallory");
            assertThat(done.droppedPeers().get(0).reason()).contains("failed verification");
        }
    }

    @Test
    void cancellingRemovesThePartAreaAndLeavesThePlacedFiles() throws Exception {
        TestFolder album = album("cancelled");
        slowAlice.share(album.root(), GROUP);
        Path downloads = downloads("bob-cancel");

        DownloadInfo started = bob.download(GROUP, "cancelled", downloads);
        DownloadInfo some = bob.awaitDownload(started.id(), LIMIT, d -> d.filesDone() >= 3);
        bob.control("DELETE", "/control/downloads/" + started.id(), null).expect(200);

        assertThat(downloads.resolve("cancelled.part")).doesNotExist();
        assertThat(some.filesDone()).isLessThan(album.manifest().fileCount());
        try (Stream<Path> placed = Files.walk(downloads.resolve("cancelled"))) {
            assertThat(placed.filter(Files::isRegularFile).count()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aLinkPlantedInTheDestinationMidDownloadStopsItWithoutAWriteOutside() throws Exception {
        TestFolder album = album("planted");
        slowAlice.share(album.root(), GROUP);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path downloads = downloads("bob-planted");

        DownloadInfo started = bob.download(GROUP, "planted", downloads);
        Path photos = downloads.resolve("planted/photos");
        bob.awaitDownload(started.id(), LIMIT, d -> Files.isDirectory(photos));
        Files.move(photos, dir.resolve("photos-moved-away"));
        Files.createSymbolicLink(photos, outside);

        DownloadInfo stopped = bob.awaitDownload(started.id(), LIMIT, d -> d.state() != DownloadState.RUNNING);
        assertThat(stopped.state()).isEqualTo(DownloadState.FAILED);
        assertThat(stopped.error()).contains(photos + " is a symbolic link");
        try (Stream<Path> written = Files.list(outside)) {
            assertThat(written).as("nothing written through the link").isEmpty();
        }
    }

    @Test
    void aFolderBeyondTheDownloadersOwnLimitsIsRefusedBeforeAnythingIsWritten() throws Exception {
        TestFolder deep = TestFolder.write(dir.resolve("originals/deep"), Map.of("a/b/c/d.txt", 10), List.of());
        alice.share(deep.root(), GROUP);
        TestAgent wary = group.memberAgent("folders-wary", "--p2p.agent.folder-limits.max-depth=3");
        Path downloads = downloads("wary");

        TestAgent.Reply reply = wary.control("POST", "/control/downloads",
                new DownloadRequest(GROUP, "deep", downloads.toString(), null, null));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).contains("refusing the folder deep: path 'a/b/c/d.txt' is 4 deep, more than max-depth (3);"
                + " the limit is p2p.agent.folder-limits.max-depth");
        assertThat(downloads).isEmptyDirectory();
    }
}
