package dev.p2pshare.agent.download;

import dev.p2pshare.agent.RealTracker;
import dev.p2pshare.agent.TestAgent;
import dev.p2pshare.agent.TestGroup;
import dev.p2pshare.agent.TrackerApi;
import dev.p2pshare.agent.TrackerProcess;
import dev.p2pshare.agent.chunk.ManifestHasher;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadRequest;
import dev.p2pshare.shared.control.DownloadState;
import dev.p2pshare.shared.tracker.FileSummary;
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

/**
 * Downloads a user can follow and manage through the control API: each says in words what it does, why it
 * waits or why it stopped; they are listed with ids and destinations in a stable order; one can be cancelled
 * and the finished ones forgotten.
 */
@ExtendWith(RealTracker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownloadControlTest {
    private static final String GROUP = "control";
    private static final String THROTTLED = "--p2p.agent.max-upload-rate=1MB";
    private static final Duration FEW_SECONDS = Duration.ofSeconds(8);
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
        aliceToken = group.owner("control-alice");
        alice = group.agent("control-alice", aliceToken, THROTTLED);
        bob = group.memberAgent("control-bob");
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

    /** A file {@code holder} registers without running an agent: the tracker lists it, no peer is online. */
    private void registerOnly(SessionToken holder, String groupName, String name) throws Exception {
        tracker.registerFile(holder, groupName, ManifestHasher.hash(file(name, 1), name, n -> { }));
    }

    private Path folder(String name) throws Exception {
        return Files.createDirectories(dir.resolve(name));
    }

    private int seeders(String name) {
        return tracker.files(aliceToken, GROUP).stream().filter(f -> f.name().equals(name)).findFirst()
                .map(FileSummary::seeders).orElseThrow();
    }

    private static List<DownloadInfo> list(TestAgent agent) {
        TestAgent.Reply reply = agent.control("GET", "/control/downloads", null);
        reply.expect(200);
        return List.of(reply.as(DownloadInfo[].class));
    }

    private Path stateFile(String id, String suffix) {
        return bob.home().resolve("downloads").resolve(id + suffix);
    }

    // ---- why a download waits or stopped ----

    @Test
    void aDownloadWhoseOnlySeederLogsOutSaysSoWithinAFewSeconds() throws Exception {
        TestAgent eve = group.memberAgent("control-eve", THROTTLED);
        eve.share(file("big.iso", 16), GROUP);
        assertThat(seeders("big.iso")).isEqualTo(1);

        DownloadInfo started = bob.download(GROUP, "big.iso", folder("logout"));
        bob.awaitDownload(started.id(), FEW_SECONDS, d -> d.chunksDone() >= 1);
        assertThat(bob.info(started.id()).reason()).isEqualTo("downloading from 1 peer");

        eve.control("POST", "/control/logout", null).expect(204);
        DownloadInfo waiting = bob.awaitDownload(started.id(), FEW_SECONDS,
                d -> d.reason().startsWith("waiting: no online peer"));

        assertThat(waiting.state()).isEqualTo(DownloadState.RUNNING);
        assertThat(waiting.reason()).matches("waiting: no online peer holds big\\.iso "
                + "\\(last seeder control-eve offline since (\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d\\)");
        assertThat(waiting.chunksDone()).isLessThan(16);
        assertThat(seeders("big.iso")).as("list_files counts only online seeders").isZero();
    }

    @Test
    void aDownloadNoOnlinePeerHasEverHeldSaysSo() throws Exception {
        registerOnly(group.member("control-carol"), GROUP, "ghost.bin");

        DownloadInfo started = bob.download(GROUP, "ghost.bin", folder("ghost"));

        DownloadInfo waiting = bob.awaitDownload(started.id(), FEW_SECONDS, d -> !d.reason().startsWith("starting"));
        assertThat(waiting.reason()).isEqualTo("waiting: no online peer holds ghost.bin");
        assertThat(waiting.state()).isEqualTo(DownloadState.RUNNING);
    }

    @Test
    void aDownloadWhoseNameNowMeansOtherContentStops() throws Exception {
        SessionToken ivan = group.member("control-ivan");
        registerOnly(ivan, GROUP, "swapped.bin");
        DownloadInfo started = bob.download(GROUP, "swapped.bin", folder("swapped"));
        bob.awaitDownload(started.id(), FEW_SECONDS, d -> d.reason().startsWith("waiting: no online peer"));

        tracker.stopSharing(ivan, GROUP, "swapped.bin");
        tracker.registerFile(ivan, GROUP, ManifestHasher.hash(file("other-content.bin", 1), "swapped.bin", n -> { }));

        DownloadInfo stopped = bob.awaitDownload(started.id(), FEW_SECONDS, d -> d.state() != DownloadState.RUNNING);
        assertThat(stopped.state()).isEqualTo(DownloadState.FAILED);
        assertThat(stopped.error()).isEqualTo("the tracker now lists other content under the name swapped.bin");
    }

    @Test
    void aDownloadTheTrackerNoLongerAllowsStopsWithTheReason() throws Exception {
        String secret = "control-secret";
        SessionToken dave = tracker.newUser("control-dave");
        tracker.createPrivateGroup(dave, secret);
        SessionToken franksToken = tracker.newUser("control-frank");
        TestAgent frank = group.agent("control-frank", franksToken);
        tracker.join(franksToken, secret);
        tracker.accept(dave, secret, "control-frank");
        registerOnly(dave, secret, "plans.pdf");
        DownloadInfo started = frank.download(secret, "plans.pdf", folder("secret"));
        frank.awaitDownload(started.id(), FEW_SECONDS, d -> d.reason().startsWith("waiting: no online peer"));

        tracker.removeMember(dave, secret, "control-frank");

        DownloadInfo stopped = frank.awaitDownload(started.id(), FEW_SECONDS, d -> d.state() != DownloadState.RUNNING);
        assertThat(stopped.state()).isEqualTo(DownloadState.FAILED);
        assertThat(stopped.error()).isEqualTo("the tracker no longer lets you read " + secret);
        assertThat(stopped.reason()).isEqualTo("stopped: the tracker no longer lets you read " + secret);
    }

    // ---- managing downloads ----

    @Test
    void cancelStopsTheDownloadAndRemovesItsPartAndChunkMap() throws Exception {
        alice.share(file("cancelled.bin", 16), GROUP);
        Path dest = folder("cancel").resolve("cancelled.bin");
        DownloadInfo started = bob.download(GROUP, "cancelled.bin", dest);
        bob.awaitDownload(started.id(), LIMIT, d -> d.chunksDone() >= 2);
        assertThat(dest.resolveSibling("cancelled.bin.part")).exists();
        await().atMost(LIMIT).until(() -> tracker.details(aliceToken, GROUP, "cancelled.bin").peers().stream()
                .anyMatch(p -> p.username().equals("control-bob")));

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
                .as("the partial holding is withdrawn").extracting(PeerHolding::username).doesNotContain("control-bob"));
        assertThat(Files.list(dest.getParent())).as("nothing is written after the cancel").isEmpty();
    }

    @Test
    void clearForgetsFinishedDownloadsAndKeepsTheFilesAndTheUnfinishedOnes() throws Exception {
        alice.share(file("small.bin", 2), GROUP);
        registerOnly(group.member("control-grace"), GROUP, "waits.bin");
        DownloadInfo complete = bob.download(GROUP, "small.bin", folder("clear"));
        bob.awaitComplete(complete.id(), LIMIT);
        DownloadInfo waiting = bob.download(GROUP, "waits.bin", folder("clear"));
        assertThat(bob.control("DELETE", "/control/downloads/" + complete.id(), null).status())
                .as("a complete download is not cancelled").isEqualTo(409);

        TestAgent.Reply clear = bob.control("DELETE", "/control/downloads/finished", null);

        clear.expect(200);
        List<DownloadInfo> forgotten = List.of(clear.as(DownloadInfo[].class));
        assertThat(forgotten).extracting(DownloadInfo::id).contains(complete.id());
        assertThat(forgotten).allSatisfy(d -> assertThat(d.state().finished()).isTrue());
        assertThat(list(bob)).extracting(DownloadInfo::id).contains(waiting.id()).doesNotContain(complete.id());
        assertThat(folder("clear").resolve("small.bin")).as("the downloaded file stays").exists();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(stateFile(complete.id(), ".json")).doesNotExist());
        bob = group.restart(bob);
        assertThat(list(bob)).extracting(DownloadInfo::id).as("forgotten for good").doesNotContain(complete.id());
    }

    @Test
    void theListShowsIdsAndDestinationsOldestFirstAlsoAfterARestart() throws Exception {
        TestAgent henry = group.memberAgent("control-henry");
        SessionToken holder = group.member("control-ivy");
        List<String> names = List.of("one.bin", "two.bin", "three.bin", "four.bin");
        for (String name : names) registerOnly(holder, GROUP, name);
        Path dest = folder("order");
        for (String name : names) henry.download(GROUP, name, dest.resolve("copy-of-" + name));

        List<DownloadInfo> listed = list(henry);
        assertThat(listed).extracting(DownloadInfo::fileName).containsExactlyElementsOf(names);
        assertThat(listed).extracting(DownloadInfo::dest)
                .containsExactlyElementsOf(names.stream().map(n -> dest.resolve("copy-of-" + n).toString()).toList());
        assertThat(listed).allSatisfy(d -> assertThat(d.startedAt()).isNotNull());

        henry = group.restart(henry);
        assertThat(list(henry)).extracting(DownloadInfo::id).containsExactlyElementsOf(listed.stream().map(DownloadInfo::id).toList());
        assertThat(list(henry)).extracting(DownloadInfo::state).containsOnly(DownloadState.RUNNING);
    }

    @Test
    void onlyAndExcludeAreRefusedForASingleFile() throws Exception {
        registerOnly(group.member("control-jack"), GROUP, "single.bin");
        TestAgent.Reply reply = bob.control("POST", "/control/downloads", new DownloadRequest(GROUP, "single.bin",
                folder("single").toString(), null, null, null, List.of("*.txt"), List.of()));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).contains("--only and --exclude choose files of a folder; single.bin is a file");
        assertThat(folder("single")).isEmptyDirectory();
    }
}
