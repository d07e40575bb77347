package dev.p2pshare.agent.download;

import dev.p2pshare.agent.EvilPeer;
import dev.p2pshare.agent.RealTracker;
import dev.p2pshare.agent.TestAgent;
import dev.p2pshare.agent.TestGroup;
import dev.p2pshare.agent.TrackerApi;
import dev.p2pshare.agent.TrackerProcess;
import dev.p2pshare.agent.chunk.ManifestHasher;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.DownloadInfo;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Swarm downloads between real agents and the real tracker. Seeders upload at 2 MB/s each so that a
 * download lasts long enough to kill, pause and restart agents in the middle of it.
 */
@ExtendWith(RealTracker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwarmDownloadTest {
    private static final String GROUP = "swarm";
    private static final String THROTTLED = "--p2p.agent.max-upload-rate=2MB";
    private static final Duration LIMIT = Duration.ofSeconds(90);

    private Path dir;
    private TrackerApi tracker;
    private TestGroup group;
    private TestAgent alice;
    private TestAgent carol;
    private TestAgent dave;
    private TestAgent bob;

    @BeforeAll
    void start(TrackerProcess trackerProcess, @TempDir Path tempDir) {
        dir = tempDir;
        group = new TestGroup(trackerProcess, dir, GROUP);
        tracker = group.tracker();
        alice = group.agent("swarm-alice", group.owner("swarm-alice"), THROTTLED);
        carol = group.memberAgent("swarm-carol", THROTTLED);
        dave = group.memberAgent("swarm-dave", THROTTLED);
        bob = group.memberAgent("swarm-bob");
    }

    @AfterAll
    void stop() {
        group.close();
    }

    private Path file(String name, int chunks) throws Exception {
        byte[] bytes = new byte[chunks * Manifest.CHUNK_SIZE - 77];
        new Random(name.hashCode()).nextBytes(bytes);
        return Files.write(Files.createDirectories(dir.resolve("originals")).resolve(name), bytes);
    }

    private Path downloads(String who) throws Exception {
        return Files.createDirectories(dir.resolve("downloads-" + who));
    }

    private static void assertSameContent(Path copy, Path original) throws Exception {
        assertThat(Files.mismatch(copy, original)).as(copy + " differs from " + original).isEqualTo(-1L);
    }

    @Test
    void threeSeedersServeOneDownloaderAtOnce() throws Exception {
        Path original = file("three.bin", 12);
        List<TestAgent> seeders = List.of(alice, carol, dave);
        double[] before = new double[3];
        for (int i = 0; i < 3; i++) {
            seeders.get(i).share(original, GROUP);
            before[i] = seeders.get(i).counter("p2p.chunks.served");
        }
        double verifiedBefore = bob.counter("p2p.chunks.verified");

        DownloadInfo started = bob.download(GROUP, "three.bin", downloads("bob"));
        DownloadInfo done = bob.awaitComplete(started.id(), LIMIT);

        assertSameContent(downloads("bob").resolve("three.bin"), original);
        assertThat(done.chunksDone()).isEqualTo(12);
        assertThat(bob.counter("p2p.chunks.verified") - verifiedBefore).isEqualTo(12);
        for (int i = 0; i < 3; i++) {
            assertThat(seeders.get(i).counter("p2p.chunks.served")).as("seeder " + i + " served chunks")
                    .isGreaterThan(before[i]);
        }
        assertThat(bob.status().shares()).extracting(ShareInfo::name).as("the downloader seeds it now")
                .contains("three.bin");
    }

    @Test
    void aSeederSendingCorruptChunksIsDroppedAndTheFileStillArrivesIntact() throws Exception {
        Path original = file("corrupt.bin", 8);
        alice.share(original, GROUP);
        Manifest manifest = ManifestHasher.hash(original, "corrupt.bin", n -> { });
        SessionToken mallory = group.member("swarm-mallory");
        try (EvilPeer hostile = new EvilPeer(manifest, EvilPeer.Mode.LIAR)) {
            tracker.registerFile(mallory, GROUP, manifest);
            tracker.announce(mallory, hostile.url());

            DownloadInfo started = bob.download(GROUP, "corrupt.bin", downloads("bob"));
            DownloadInfo done = bob.awaitComplete(started.id(), LIMIT);

            assertSameContent(downloads("bob").resolve("corrupt.bin"), original);
            assertThat(hostile.chunksServed()).isGreaterThanOrEqualTo(SwarmDownload.MAX_BAD_CHUNKS);
            assertThat(done.droppedPeers()).extracting(DroppedPeer::username).containsExactly("swarm-mallory");
            assertThat(done.droppedPeers().get(0).url()).isEqualTo(hostile.url());
            assertThat(done.droppedPeers().get(0).reason()).contains("failed verification");
        }
    }

    @Test
    void aSeederKilledMidDownloadLeavesTheOthersToFinish() throws Exception {
        Path original = file("killed-seeder.bin", 24);
        carol.share(original, GROUP);
        dave.share(original, GROUP);

        DownloadInfo started = bob.download(GROUP, "killed-seeder.bin", downloads("bob"));
        bob.awaitDownload(started.id(), LIMIT, d -> d.chunksDone() >= 4);
        dave.close();
        DownloadInfo afterKill = bob.info(started.id());
        assertThat(afterKill.state()).isEqualTo(DownloadState.RUNNING);
        assertThat(afterKill.chunksDone()).isLessThan(24);

        bob.awaitComplete(started.id(), LIMIT);
        assertSameContent(downloads("bob").resolve("killed-seeder.bin"), original);

        dave = group.restart(dave);
        assertThat(dave.status().shares()).as("a restarted agent shares again")
                .extracting(ShareInfo::name).contains("killed-seeder.bin");
    }

    @Test
    void aDownloaderKilledHalfWayResumesAndFetchesOnlyTheMissingChunks() throws Exception {
        Path original = file("resumed.bin", 16);
        alice.share(original, GROUP);
        TestAgent frank = group.memberAgent("swarm-frank");
        Path downloads = downloads("frank");

        DownloadInfo started = frank.download(GROUP, "resumed.bin", downloads);
        frank.awaitDownload(started.id(), LIMIT, d -> d.chunksDone() >= 5);
        frank.close();
        assertThat(downloads.resolve("resumed.bin.part")).exists();
        assertThat(downloads.resolve("resumed.bin")).doesNotExist();

        frank = group.restart(frank);
        SwarmDownload resumed = frank.bean(DownloadService.class).download(started.id());
        assertThat(resumed.resumedChunks()).isBetween(5, 15);
        frank.awaitComplete(started.id(), LIMIT);

        assertThat(resumed.fetchedChunks()).isEqualTo(16 - resumed.resumedChunks());
        assertSameContent(downloads.resolve("resumed.bin"), original);
        assertThat(downloads.resolve("resumed.bin.part")).doesNotExist();
    }

    @Test
    void aDownloadThatOutlivesItsGrantRenewsIt() throws Exception {
        int chunks = (int) (TrackerProcess.GRANT_TTL.toSeconds() * 2 * 2 + 8); // at 2 MB/s: well past one grant
        Path original = file("long.bin", chunks);
        dave.share(original, GROUP);
        long started = System.nanoTime();

        DownloadInfo download = bob.download(GROUP, "long.bin", downloads("bob"));
        bob.awaitComplete(download.id(), LIMIT);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(TrackerProcess.GRANT_TTL);
        assertSameContent(downloads("bob").resolve("long.bin"), original);
    }

    @Test
    void aHalfDoneDownloaderServesItsChunksToAThirdPeer() throws Exception {
        Path original = file("spread.bin", 16);
        carol.share(original, GROUP);
        TestAgent erin = group.memberAgent("swarm-erin");
        double servedBefore = bob.counter("p2p.chunks.served");

        DownloadInfo bobs = bob.download(GROUP, "spread.bin", downloads("bob"));
        bob.awaitDownload(bobs.id(), LIMIT, d -> d.chunksDone() >= 6);
        DownloadInfo paused = bob.control("POST", "/control/downloads/" + bobs.id() + "/pause", null).as(DownloadInfo.class);
        assertThat(paused.state()).isEqualTo(DownloadState.PAUSED);
        carol.close();

        DownloadInfo erins = erin.download(GROUP, "spread.bin", downloads("erin"));
        erin.awaitDownload(erins.id(), LIMIT, d -> d.chunksDone() >= paused.chunksDone());
        assertThat(bob.counter("p2p.chunks.served") - servedBefore).isGreaterThanOrEqualTo(paused.chunksDone());

        carol = group.restart(carol);
        erin.awaitComplete(erins.id(), LIMIT);
        assertSameContent(downloads("erin").resolve("spread.bin"), original);
        DownloadInfo resumed = bob.download(GROUP, "spread.bin", downloads("bob"));
        assertThat(resumed.id()).isEqualTo(bobs.id());
        bob.awaitComplete(bobs.id(), LIMIT);
        assertSameContent(downloads("bob").resolve("spread.bin"), original);
    }
}
