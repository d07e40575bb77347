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
import dev.p2pshare.shared.tracker.PeerHolding;
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
import static org.awaitility.Awaitility.await;

/** Downloads a user can tell apart and manage: ids and destinations in a stable order, cancel, forget finished. */
@ExtendWith(RealTracker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownloadManagementTest {
    private static final String GROUP = "manage";
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private Path dir;
    private TestGroup group;
    private TrackerApi tracker;
    private SessionToken aliceToken;
    private TestAgent alice;
    private TestAgent bob;

    @BeforeAll
    void start(TrackerProcess trackerProcess, @TempDir Path tempDir) {
        dir = tempDir;
        group = new TestGroup(trackerProcess, dir, GROUP);
        tracker = group.tracker();
        aliceToken = group.owner("manage-alice");
        alice = group.agent("manage-alice", aliceToken, "--p2p.agent.max-upload-rate=1MB");
        bob = group.agent("manage-bob", group.member("manage-bob"));
    }

    @AfterAll
    void stop() {
        group.close();
    }

    private Path file(String name, int chunks) throws Exception {
        byte[] bytes = new byte[chunks * Manifest.CHUNK_SIZE - 3];
        new Random(name.hashCode()).nextBytes(bytes);
        return Files.write(Files.createDirectories(dir.resolve("originals")).resolve(name), bytes);
    }

    /** A file the tracker lists but no online peer holds: its downloads wait, and cost nothing. */
    private void registerOnly(String name) throws Exception {
        tracker.registerFile(group.member("holder-of-" + name), GROUP, ManifestHasher.hash(file(name, 1), name, n -> { }));
    }

    private Path folder(String name) throws Exception {
        return Files.createDirectories(dir.resolve(name));
    }

    private List<DownloadInfo> list(TestAgent agent) {
        TestAgent.Reply reply = agent.control("GET", "/control/downloads", null);
        reply.expect(200);
        return List.of(reply.as(DownloadInfo[].class));
    }

    private Path stateFile(String id, String suffix) {
        return bob.home().resolve("downloads").resolve(id + suffix);
    }

    @Test
    void cancelStopsTheDownloadAndRemovesItsPartAndChunkMap() throws Exception {
        alice.share(file("cancelled.bin", 16), GROUP);
        Path dest = folder("cancel").resolve("cancelled.bin");
        DownloadInfo started = bob.download(GROUP, "cancelled.bin", dest);
        bob.awaitDownload(started.id(), LIMIT, d -> d.chunksDone() >= 2);
        assertThat(dest.resolveSibling("cancelled.bin.part")).exists();
        await().atMost(LIMIT).until(() -> tracker.details(aliceToken, GROUP, "cancelled.bin").peers().stream()
                .anyMatch(p -> p.username().equals("manage-bob")));

        TestAgent.Reply cancel = bob.control("DELETE", "/control/downloads/" + started.id(), null);

        cancel.expect(200);
        assertThat(cancel.as(DownloadInfo.class).id()).isEqualTo(started.id());
        assertThat(dest.resolveSibling("cancelled.bin.part")).doesNotExist();
        assertThat(dest).doesNotExist();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(stateFile(started.id(), ".chunks")).doesNotExist();
            assertThat(stateFile(started.id(), ".json")).doesNotExist();
        });
        assertThat(list(bob)).extracting(DownloadInfo::id).doesNotContain(started.id());
        assertThat(bob.control("GET", "/control/downloads/" + started.id(), null).status()).isEqualTo(404);
        assertThat(bob.control("DELETE", "/control/downloads/" + started.id(), null).status()).isEqualTo(404);
        await().atMost(LIMIT).untilAsserted(() -> assertThat(tracker.details(aliceToken, GROUP, "cancelled.bin").peers())
                .as("the partial holding is withdrawn").extracting(PeerHolding::username).doesNotContain("manage-bob"));
        assertThat(Files.list(dest.getParent())).as("nothing is written after the cancel").isEmpty();
    }

    @Test
    void clearForgetsFinishedDownloadsAndKeepsTheFilesAndTheUnfinishedOnes() throws Exception {
        alice.share(file("small.bin", 2), GROUP);
        registerOnly("waits.bin");
        DownloadInfo complete = bob.download(GROUP, "small.bin", folder("clear"));
        bob.awaitComplete(complete.id(), LIMIT);
        DownloadInfo waiting = bob.download(GROUP, "waits.bin", folder("clear"));
        assertThat(bob.control("DELETE", "/control/downloads/" + complete.id(), null).status())
                .as("a complete download is not cancelled").isEqualTo(409);

        TestAgent.Reply clear = bob.control("DELETE", "/control/downloads/finished", null);

        clear.expect(200);
        assertThat(List.of(clear.as(DownloadInfo[].class))).extracting(DownloadInfo::id).containsExactly(complete.id());
        assertThat(list(bob)).extracting(DownloadInfo::id).contains(waiting.id()).doesNotContain(complete.id());
        assertThat(folder("clear").resolve("small.bin")).as("the downloaded file stays").exists();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(stateFile(complete.id(), ".json")).doesNotExist());
        bob = group.restart(bob);
        assertThat(list(bob)).extracting(DownloadInfo::id).as("forgotten for good").doesNotContain(complete.id());
    }

    @Test
    void theListShowsIdsAndDestinationsOldestFirstAlsoAfterARestart() throws Exception {
        TestAgent carol = group.agent("manage-carol", group.member("manage-carol"));
        List<String> names = List.of("one.bin", "two.bin", "three.bin", "four.bin");
        for (String name : names) registerOnly(name);
        Path dest = folder("order");
        for (String name : names) carol.download(GROUP, name, dest.resolve("copy-of-" + name));

        List<DownloadInfo> listed = list(carol);
        assertThat(listed).extracting(DownloadInfo::fileName).containsExactlyElementsOf(names);
        assertThat(listed).extracting(DownloadInfo::dest)
                .containsExactlyElementsOf(names.stream().map(n -> dest.resolve("copy-of-" + n).toString()).toList());
        assertThat(listed).allSatisfy(d -> assertThat(d.startedAt()).isNotNull());

        carol = group.restart(carol);
        assertThat(list(carol)).extracting(DownloadInfo::id).containsExactlyElementsOf(listed.stream().map(DownloadInfo::id).toList());
        assertThat(list(carol)).extracting(DownloadInfo::state).containsOnly(DownloadState.RUNNING);
    }
}
