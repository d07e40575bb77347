package dev.p2pshare.agent.download;

import dev.p2pshare.agent.EvilPeer;
import dev.p2pshare.agent.RealTracker;
import dev.p2pshare.agent.TestAgent;
import dev.p2pshare.agent.TestGroup;
import dev.p2pshare.agent.TrackerApi;
import dev.p2pshare.agent.TrackerProcess;
import dev.p2pshare.agent.chunk.ManifestHasher;
import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadRequest;
import dev.p2pshare.shared.control.DroppedPeer;
import dev.p2pshare.shared.tracker.ChunkAvailability;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Downloads next to hostile group members (flooding, trickling, lying, redirecting chunk servers) and
 * hostile requests against the downloader's own disk and control API.
 */
@ExtendWith(RealTracker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostilePeersTest {
    private static final String GROUP = "hostile";
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final int CHUNKS = 16;

    private Path dir;
    private TrackerApi tracker;
    private TestGroup group;
    private TestAgent alice;
    private TestAgent bob;

    @BeforeAll
    void start(TrackerProcess trackerProcess, @TempDir Path tempDir) {
        dir = tempDir;
        group = new TestGroup(trackerProcess, dir, GROUP);
        tracker = group.tracker();
        alice = group.agent("hostile-alice", group.owner("hostile-alice"), "--p2p.agent.max-upload-rate=8MB");
        bob = group.memberAgent("hostile-bob", "--p2p.agent.peer-limits.min-rate=1MB", "--p2p.agent.peer-limits.query-timeout=1s");
    }

    @AfterAll
    void stop() {
        group.close();
    }

    private Path file(String name) throws Exception {
        byte[] bytes = new byte[CHUNKS * Manifest.CHUNK_SIZE - 99];
        new Random(name.hashCode()).nextBytes(bytes);
        return Files.write(Files.createDirectories(dir.resolve("originals")).resolve(name), bytes);
    }

    private Path downloads(String name) throws Exception {
        return Files.createDirectories(dir.resolve("downloads-" + name));
    }

    /** An account of the group whose chunk server is {@code peer}, holding all of the file but chunk 0 (or all of it). */
    private void announce(EvilPeer peer, String username, Manifest manifest, boolean partial) {
        SessionToken token = group.member(username);
        tracker.registerFile(token, GROUP, manifest);
        tracker.announce(token, peer.url());
        if (partial) {
            Bitfield held = Bitfield.full(manifest.chunkCount());
            held.clear(0);
            tracker.reportChunks(token, GROUP, manifest.name(), new ChunkAvailability(manifest.sha256(), held.toBase64()));
        }
    }

    /** Asks the agent's control API for its downloads every 50 ms and keeps the slowest answer. */
    private static final class ControlPoller implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong slowestNanos = new AtomicLong();
        private final AtomicLong answers = new AtomicLong();
        private final Thread thread;

        ControlPoller(TestAgent agent) {
            thread = new Thread(() -> {
                while (running.get()) {
                    long started = System.nanoTime();
                    agent.control("GET", "/control/downloads", null).expect(200);
                    slowestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
                    answers.incrementAndGet();
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }
    }

    @Test
    void downloadsNextToEvilPeersFinishIntactInAboutTheUsualTimeWhileTheAgentKeepsAnswering() throws Exception {
        Path plain = file("plain.bin");
        alice.share(plain, GROUP);
        long started = System.nanoTime();
        bob.awaitComplete(bob.download(GROUP, "plain.bin", downloads("bob")).id(), LIMIT);
        Duration alone = Duration.ofNanos(System.nanoTime() - started);

        Path original = file("evil.bin");
        alice.share(original, GROUP);
        Manifest manifest = ManifestHasher.hash(original, "evil.bin", n -> { });
        List<EvilPeer> evil = new ArrayList<>();
        try {
            for (EvilPeer.Mode mode : EvilPeer.Mode.values()) {
                EvilPeer peer = new EvilPeer(manifest, mode);
                evil.add(peer);
                announce(peer, "hostile-" + mode.name().toLowerCase(Locale.ROOT), manifest, mode != EvilPeer.Mode.LIAR);
            }
            DownloadInfo done;
            Duration withEvil;
            try (ControlPoller poller = new ControlPoller(bob)) {
                started = System.nanoTime();
                done = bob.awaitComplete(bob.download(GROUP, "evil.bin", downloads("bob")).id(), LIMIT);
                withEvil = Duration.ofNanos(System.nanoTime() - started);
                poller.close();
                assertThat(poller.answers.get()).as("control API answers during the download").isPositive();
                assertThat(Duration.ofNanos(poller.slowestNanos.get())).as("slowest control API answer")
                        .isLessThan(Duration.ofSeconds(1));
            }

            assertThat(Files.mismatch(downloads("bob").resolve("evil.bin"), original)).isEqualTo(-1L);
            assertThat(withEvil).as("next to evil peers (alone: " + alone + ")")
                    .isLessThan(alone.multipliedBy(3).plusSeconds(5));
            assertThat(done.droppedPeers()).extracting(DroppedPeer::username)
                    .contains("hostile-flood", "hostile-redirect");
            assertThat(done.droppedPeers()).allSatisfy(dropped -> assertThat(dropped.reason()).isNotBlank());
            assertThat(reason(done, "hostile-flood")).as("cut at the bitfield's or the chunk's size")
                    .containsPattern("bitfield answer of more than|sent more than the \\d+-byte chunk");
            assertThat(reason(done, "hostile-redirect")).contains("redirect");
            for (EvilPeer peer : evil) assertThat(peer.strayRequests()).as("requests beyond /chunks/<sha>").isEmpty();
        } finally {
            evil.forEach(EvilPeer::close);
        }
    }

    private static String reason(DownloadInfo info, String username) {
        return info.droppedPeers().stream().filter(p -> p.username().equals(username)).findFirst()
                .map(DroppedPeer::reason).orElseThrow();
    }

    @Test
    void aPeerDroppedBeforeARestartIsNotAskedAgainAfterIt() throws Exception {
        Path original = file("restart.bin");
        TestAgent carol = group.memberAgent("hostile-carol", "--p2p.agent.peer-limits.query-timeout=1s");
        TestAgent slowSeeder = group.memberAgent("hostile-dave", "--p2p.agent.max-upload-rate=1MB");
        slowSeeder.share(original, GROUP);
        Manifest manifest = ManifestHasher.hash(original, "restart.bin", n -> { });
        try (EvilPeer flood = new EvilPeer(manifest, EvilPeer.Mode.FLOOD)) {
            announce(flood, "hostile-flood-2", manifest, true);
            DownloadInfo started = carol.download(GROUP, "restart.bin", downloads("carol"));
            carol.awaitDownload(started.id(), LIMIT, d -> !d.droppedPeers().isEmpty());
            carol.close();
            int asked = flood.requests();

            carol = group.restart(carol);
            DownloadInfo done = carol.awaitComplete(started.id(), LIMIT);

            assertThat(Files.mismatch(downloads("carol").resolve("restart.bin"), original)).isEqualTo(-1L);
            assertThat(done.droppedPeers()).extracting(DroppedPeer::username).containsExactly("hostile-flood-2");
            assertThat(flood.requests()).as("requests to the dropped peer after the restart").isEqualTo(asked);
        }
    }

    @Test
    void manyIdenticalRequestsAtOnceStartOneDownload() throws Exception {
        Path original = file("once.bin");
        alice.share(original, GROUP);
        Path dest = downloads("once");
        int requests = 16;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TestAgent.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                replies.add(pool.submit(() -> {
                    go.await();
                    return bob.control("POST", "/control/downloads",
                            new DownloadRequest(GROUP, "once.bin", dest.toString(), null, null));
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<TestAgent.Reply> reply : replies) {
                TestAgent.Reply answer = reply.get(30, TimeUnit.SECONDS);
                statuses.add(answer.status());
                ids.add(answer.as(DownloadInfo.class).id());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(requests - 1);
            assertThat(ids).containsOnly(ids.get(0));
            bob.awaitComplete(ids.get(0), LIMIT);
            assertThat(bob.control("GET", "/control/downloads", null).as(DownloadInfo[].class))
                    .filteredOn(d -> d.dest().equals(dest.resolve("once.bin").toString())).hasSize(1);
            assertThat(Files.mismatch(dest.resolve("once.bin"), original)).isEqualTo(-1L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSymlinkPlantedAtThePartFileIsRefusedNotFollowed() throws Exception {
        alice.share(file("link.bin"), GROUP);
        Path victim = Files.writeString(dir.resolve("victim.txt"), "not yours");
        Path dest = downloads("link");
        Path part = Files.createSymbolicLink(dest.resolve("link.bin.part"), victim);

        TestAgent.Reply reply = bob.control("POST", "/control/downloads",
                new DownloadRequest(GROUP, "link.bin", dest.toString(), null, null));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.text()).contains("symbolic link");
        assertThat(Files.readString(victim)).isEqualTo("not yours");
        assertThat(Files.isSymbolicLink(part)).isTrue();
    }
}
