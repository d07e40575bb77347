package dev.p2pshare.agent.download;

import dev.p2pshare.agent.RealTracker;
import dev.p2pshare.agent.TestAgent;
import dev.p2pshare.agent.TestGroup;
import dev.p2pshare.agent.TrackerApi;
import dev.p2pshare.agent.TrackerProcess;
import dev.p2pshare.agent.chunk.ManifestHasher;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadState;
import dev.p2pshare.shared.tracker.FileSummary;
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
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A download says in words what it does, why it waits, or why it stopped, as soon as that changes. */
@ExtendWith(RealTracker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownloadReasonsTest {
    private static final String GROUP = "reasons";
    private static final Duration FEW_SECONDS = Duration.ofSeconds(8);

    private Path dir;
    private TestGroup group;
    private TrackerApi tracker;
    private SessionToken owner;
    private TestAgent bob;

    @BeforeAll
    void start(TrackerProcess trackerProcess, @TempDir Path tempDir) {
        dir = tempDir;
        group = new TestGroup(trackerProcess, dir, GROUP);
        tracker = group.tracker();
        owner = group.owner("reasons-owner");
        bob = group.agent("reasons-bob", group.member("reasons-bob"));
    }

    @AfterAll
    void stop() {
        group.close();
    }

    private Path file(String name, int chunks) throws Exception {
        byte[] bytes = new byte[chunks * Manifest.CHUNK_SIZE - 11];
        new Random(name.hashCode()).nextBytes(bytes);
        return Files.write(Files.createDirectories(dir.resolve("originals")).resolve(name), bytes);
    }

    /** A file {@code holder} registers without running an agent: the tracker knows it, no peer is online. */
    private void registerOnly(SessionToken holder, String groupName, String name) throws Exception {
        tracker.registerFile(holder, groupName, ManifestHasher.hash(file(name, 2), name, n -> { }));
    }

    private Path downloads() throws Exception {
        return Files.createDirectories(dir.resolve("downloads"));
    }

    private int seeders(String name) {
        return tracker.files(owner, GROUP).stream().filter(f -> f.name().equals(name)).findFirst()
                .map(FileSummary::seeders).orElseThrow();
    }

    @Test
    void aDownloadWhoseOnlySeederLogsOutSaysSoWithinAFewSeconds() throws Exception {
        TestAgent alice = group.agent("reasons-alice", group.member("reasons-alice"), "--p2p.agent.max-upload-rate=1MB");
        alice.share(file("big.iso", 16), GROUP);
        assertThat(seeders("big.iso")).isEqualTo(1);

        DownloadInfo started = bob.download(GROUP, "big.iso", downloads());
        bob.awaitDownload(started.id(), FEW_SECONDS, d -> d.chunksDone() >= 1);
        assertThat(bob.info(started.id()).reason()).isEqualTo("downloading from 1 peer");

        alice.control("POST", "/control/logout", null).expect(204);
        DownloadInfo waiting = bob.awaitDownload(started.id(), FEW_SECONDS,
                d -> d.reason().startsWith("waiting: no online peer"));

        assertThat(waiting.state()).isEqualTo(DownloadState.RUNNING);
        assertThat(waiting.reason()).matches("waiting: no online peer holds big\\.iso "
                + "\\(last seeder reasons-alice offline since (\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d\\)");
        assertThat(waiting.chunksDone()).isLessThan(16);
        assertThat(seeders("big.iso")).as("list_files counts only online seeders").isZero();
    }

    @Test
    void aDownloadNoOnlinePeerHasEverHeldSaysSo() throws Exception {
        registerOnly(group.member("reasons-carol"), GROUP, "ghost.bin");

        DownloadInfo started = bob.download(GROUP, "ghost.bin", downloads());

        DownloadInfo waiting = bob.awaitDownload(started.id(), FEW_SECONDS, d -> !d.reason().contains("asking the tracker"));
        assertThat(waiting.reason()).isEqualTo("waiting: no online peer holds ghost.bin");
        assertThat(waiting.state()).isEqualTo(DownloadState.RUNNING);
    }

    @Test
    void aDownloadTheTrackerNoLongerAllowsStopsWithTheReason() throws Exception {
        String secret = "reasons-secret";
        SessionToken dave = tracker.newUser("reasons-dave");
        tracker.createPrivateGroup(dave, secret);
        SessionToken bobToken = tracker.newUser("reasons-bob2");
        TestAgent bob2 = group.agent("reasons-bob2", bobToken);
        tracker.join(bobToken, secret);
        tracker.accept(dave, secret, "reasons-bob2");
        registerOnly(dave, secret, "plans.pdf");
        DownloadInfo started = bob2.download(secret, "plans.pdf", downloads());
        bob2.awaitDownload(started.id(), FEW_SECONDS, d -> d.reason().startsWith("waiting: no online peer"));

        tracker.removeMember(dave, secret, "reasons-bob2");

        DownloadInfo stopped = bob2.awaitDownload(started.id(), FEW_SECONDS, d -> d.state() != DownloadState.RUNNING);
        assertThat(stopped.state()).isEqualTo(DownloadState.FAILED);
        assertThat(stopped.error()).isEqualTo("the tracker no longer lets you read " + secret);
        assertThat(stopped.reason()).isEqualTo("stopped: the tracker no longer lets you read " + secret);
    }
}
