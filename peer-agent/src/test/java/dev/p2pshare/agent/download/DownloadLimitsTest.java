package dev.p2pshare.agent.download;

import dev.p2pshare.agent.RealTracker;
import dev.p2pshare.agent.TestAgent;
import dev.p2pshare.agent.TestGroup;
import dev.p2pshare.agent.TrackerProcess;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadLimit;
import dev.p2pshare.shared.control.DownloadRequest;
import dev.p2pshare.shared.control.TransferLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits measured between real agents over loopback (local peers are limited unless told
 * otherwise). A limited download's rate is its file's size over the time it took beyond what any
 * download takes (asking the tracker for the file and its peers, moving it into place: timed on a
 * one-chunk download), so a loaded machine does not count as limiter error.
 */
@ExtendWith(RealTracker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownloadLimitsTest {
    private static final String GROUP = "limits";
    private static final int CHUNKS = 16;
    private static final long SIZE = (long) CHUNKS * Manifest.CHUNK_SIZE;
    private static final long RATE = 2_000_000;
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private Path dir;
    private TestGroup group;
    private TestAgent alice;
    private TestAgent bob;
    private long fixedNanos;

    @BeforeAll
    void start(TrackerProcess tracker, @TempDir Path tempDir) throws Exception {
        dir = tempDir;
        group = new TestGroup(tracker, dir, GROUP);
        alice = group.agent("limits-alice", group.owner("limits-alice"));
        bob = group.memberAgent("limits-bob");
        // Warms both agents up (connections, code paths) so the timing below is of steady work.
        download(bob, shared("unlimited.bin", CHUNKS), null);
        String tiny = shared("tiny.bin", 1);
        long started = System.nanoTime();
        download(bob, tiny, null);
        fixedNanos = System.nanoTime() - started;
    }

    @AfterAll
    void stop() {
        group.close();
    }

    private String shared(String name, int chunks) throws Exception {
        byte[] bytes = new byte[chunks * Manifest.CHUNK_SIZE];
        new Random(name.hashCode()).nextBytes(bytes);
        alice.share(Files.write(Files.createDirectories(dir.resolve("originals")).resolve(name), bytes), GROUP);
        return name;
    }

    private DownloadInfo start(TestAgent agent, String name, Long maxRate) throws Exception {
        Path dest = Files.createDirectories(dir.resolve("downloads-" + agent.home().getFileName()));
        TestAgent.Reply reply = agent.control("POST", "/control/downloads",
                new DownloadRequest(GROUP, name, dest.toString(), null, false, maxRate));
        reply.expect(201);
        return reply.as(DownloadInfo.class);
    }

    private DownloadInfo download(TestAgent agent, String name, Long maxRate) throws Exception {
        return agent.awaitComplete(start(agent, name, maxRate).id(), LIMIT);
    }

    /** Bytes per second of a limited download of SIZE bytes that took {@code nanos}. */
    private double observedRate(long nanos) {
        return SIZE / ((nanos - fixedNanos) / 1e9);
    }

    @Test
    void aDownloadsOwnLimitHoldsWithinTenPercent() throws Exception {
        String name = shared("own.bin", CHUNKS);
        long started = System.nanoTime();
        DownloadInfo done = download(bob, name, RATE);
        long took = System.nanoTime() - started;

        assertThat(done.maxRate()).isEqualTo(RATE);
        assertThat(Duration.ofNanos(took)).as("%d bytes at %d B/s", SIZE, RATE)
                .isGreaterThan(Duration.ofMillis(SIZE * 900 / RATE));
        assertThat(observedRate(took)).isBetween(0.9 * RATE, 1.1 * RATE);
    }

    @Test
    void theAgentsLimitHoldsAndADownloadObeysTheLowerOfBoth() throws Exception {
        String name = shared("global.bin", CHUNKS);
        TestAgent.Reply set = bob.control("PUT", "/control/limits", new TransferLimits(RATE, null, null));
        set.expect(200);
        assertThat(bob.status().limits().maxDownloadRate()).isEqualTo(RATE);
        try {
            long started = System.nanoTime();
            download(bob, name, 2 * RATE);
            long took = System.nanoTime() - started;

            assertThat(Duration.ofNanos(took)).isGreaterThan(Duration.ofMillis(SIZE * 900 / RATE));
            assertThat(observedRate(took)).isBetween(0.9 * RATE, 1.1 * RATE);
        } finally {
            bob.control("PUT", "/control/limits", new TransferLimits(0L, null, null)).expect(200);
        }
    }

    @Test
    void aLimitChangedWhileRunningIsFollowed() throws Exception {
        String name = shared("changed.bin", 2 * CHUNKS);
        DownloadInfo started = start(bob, name, 4_000_000L);
        bob.awaitDownload(started.id(), LIMIT, d -> d.chunksDone() >= 2);

        DownloadInfo lowered = bob.control("PUT", "/control/limits/downloads/" + started.id(), new DownloadLimit(256_000))
                .as(DownloadInfo.class);
        assertThat(lowered.maxRate()).isEqualTo(256_000);
        Thread.sleep(1000);
        long before = bob.info(started.id()).bytesDone();
        Thread.sleep(3000);
        long slow = bob.info(started.id()).bytesDone() - before;
        assertThat(slow).as("3 s at 256 KB/s, plus chunks in flight when lowered (12 MB unchanged)")
                .isLessThan(4_000_000);

        bob.control("PUT", "/control/limits/downloads/" + started.id(), new DownloadLimit(8_000_000)).expect(200);
        long raised = System.nanoTime();
        long left = 2 * SIZE - bob.info(started.id()).bytesDone();
        bob.awaitComplete(started.id(), LIMIT);
        assertThat(Duration.ofNanos(System.nanoTime() - raised)).as("%d bytes left: %d s at 256 KB/s", left, left / 256_000)
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void localPeersAreNotLimitedWhenSoConfigured() throws Exception {
        String name = shared("local.bin", CHUNKS);
        try (TestAgent dan = group.memberAgent("limits-dan",
                "--p2p.agent.limit-local-peers=false", "--p2p.agent.max-download-rate=500KB")) {
            long started = System.nanoTime();
            download(dan, name, 500_000L);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("16.8 s if limited")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(dan.status().limits()).isEqualTo(new TransferLimits(500_000L, 0L, false));
        }
    }

    @Test
    void badLimitsAreRefused() {
        assertThat(bob.control("PUT", "/control/limits", new TransferLimits(-1L, null, null)).status()).isEqualTo(400);
        assertThat(bob.control("PUT", "/control/limits/downloads/nosuch", new DownloadLimit(1)).status()).isEqualTo(404);
        assertThat(bob.control("PUT", "/control/limits", "not json").status()).isEqualTo(400);
    }
}
