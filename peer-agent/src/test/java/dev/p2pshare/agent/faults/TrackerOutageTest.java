package dev.p2pshare.agent.faults;

import dev.p2pshare.agent.TestAgent;
import dev.p2pshare.agent.TrackerApi;
import dev.p2pshare.agent.TrackerProcess;
import dev.p2pshare.agent.tracker.TrackerLink;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.tracker.SessionToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tracker goes away: down when an agent starts, and restarted in the middle of a download. Uses its
 * own tracker process (not the shared one), since it stops and restarts it on the same port and data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrackerOutageTest {
    private static final String GROUP = "outage";

    private Path dir;
    private TrackerProcess trackerProcess;
    private TrackerApi tracker;
    private SessionToken aliceToken;
    private SessionToken bobToken;
    private SessionToken carolToken;
    private final List<TestAgent> agents = new ArrayList<>();
    private TestAgent alice;
    private Path original;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        trackerProcess = TrackerProcess.start();
        tracker = new TrackerApi(trackerProcess.url());
        aliceToken = tracker.newUser("outage-alice");
        tracker.createGroup(aliceToken, GROUP);
        bobToken = tracker.newUser("outage-bob");
        tracker.join(bobToken, GROUP);
        carolToken = tracker.newUser("outage-carol");
        tracker.join(carolToken, GROUP);
        alice = agent("outage-alice", aliceToken, "--p2p.agent.max-upload-rate=1MB");
        byte[] bytes = new byte[10 * Manifest.CHUNK_SIZE - 5];
        new Random(7).nextBytes(bytes);
        original = Files.write(Files.createDirectories(dir.resolve("originals")).resolve("outage.bin"), bytes);
        alice.share(original, GROUP);
    }

    @AfterAll
    void stop() throws Exception {
        for (TestAgent agent : agents) agent.close();
        if (trackerProcess != null) trackerProcess.close();
    }

    private TestAgent agent(String username, SessionToken token, String... settings) {
        TestAgent agent = TestAgent.start(dir.resolve(username + "/.p2p"), username, token, tracker.url(), settings);
        agents.add(agent);
        return agent;
    }

    @Test
    @Order(1)
    void downloadFinishesAfterTheTrackerRestarts() throws Exception {
        TestAgent bob = agent("outage-bob", bobToken);
        Path dest = Files.createDirectories(dir.resolve("bob-dl"));
        DownloadInfo started = bob.download(GROUP, "outage.bin", dest);
        bob.awaitDownload(started.id(), Duration.ofSeconds(15), d -> d.chunksDone() >= 1);

        trackerProcess.halt();
        bob.awaitDownload(started.id(), Duration.ofSeconds(5), d -> d.reason().contains("tracker unreachable, retrying"));
        assertThat(bob.info(started.id()).chunksDone()).as("not finished while the tracker was down yet")
                .isLessThan(10);
        trackerProcess.resume();

        bob.awaitComplete(started.id(), Duration.ofSeconds(30));
        assertThat(Files.mismatch(dest.resolve("outage.bin"), original)).isEqualTo(-1L);
    }

    @Test
    @Order(2)
    void agentStartedWhileTheTrackerIsDownBecomesUsableWhenItComesUp() throws Exception {
        trackerProcess.halt();
        TestAgent carol = agent("outage-carol", carolToken);
        assertThat(carol.status().username()).isEqualTo("outage-carol");
        assertThat(carol.bean(TrackerLink.class).connected()).isFalse();

        trackerProcess.resume();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> carol.bean(TrackerLink.class).connected());
        Path dest = Files.createDirectories(dir.resolve("carol-dl"));
        DownloadInfo started = carol.download(GROUP, "outage.bin", dest);
        carol.awaitComplete(started.id(), Duration.ofSeconds(30));
        assertThat(Files.mismatch(dest.resolve("outage.bin"), original)).isEqualTo(-1L);
    }
}
