package dev.p2pshare.agent.share;

import dev.p2pshare.agent.RealTracker;
import dev.p2pshare.agent.TestAgent;
import dev.p2pshare.agent.TrackerApi;
import dev.p2pshare.agent.TrackerProcess;
import dev.p2pshare.agent.chunk.ManifestHasher;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.ShareInfo;
import dev.p2pshare.shared.tracker.PeerHolding;
import dev.p2pshare.shared.tracker.SessionToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Only members hold: what an agent serves follows its user's memberships as the tracker knows them. */
@ExtendWith(RealTracker.class)
class MembershipTest {

    @Test
    void theAgentStopsSharingInAGroupItsUserLeft(TrackerProcess trackerProcess, @TempDir Path dir) throws Exception {
        TrackerApi tracker = new TrackerApi(trackerProcess.url());
        SessionToken alice = tracker.newUser("leave-alice");
        SessionToken bob = tracker.newUser("leave-bob");
        tracker.createGroup(alice, "leave-open");
        tracker.createGroup(alice, "leave-kept");
        tracker.join(bob, "leave-open");
        tracker.join(bob, "leave-kept");
        Path file = randomFile(dir.resolve("notes.bin"), 3000);
        Manifest manifest = ManifestHasher.hash(file, "notes.bin", done -> { });
        // Alice holds it too, so the file stays listed (and grants keep coming) after Bob has gone.
        tracker.registerFile(alice, "leave-open", manifest);

        try (TestAgent agent = TestAgent.start(dir.resolve("bob/.p2p"), "leave-bob", bob, tracker.url())) {
            agent.share(file, "leave-open");
            agent.share(file, "leave-kept");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> holders(tracker, alice, "leave-open", "notes.bin").contains("leave-bob"));
            assertThat(chunk(agent, tracker, alice, "leave-open", manifest)).isEqualTo(200);

            tracker.removeMember(bob, "leave-open", "leave-bob");

            await("the next heartbeat tells the agent").atMost(Duration.ofSeconds(20))
                    .until(() -> groups(agent), groups -> groups.equals(List.of("leave-kept")));
            assertThat(chunk(agent, tracker, alice, "leave-open", manifest)).as("no longer served there").isEqualTo(404);
            assertThat(chunk(agent, tracker, alice, "leave-kept", manifest)).as("still served where a member").isEqualTo(200);
            assertThat(holders(tracker, alice, "leave-open", "notes.bin")).doesNotContain("leave-bob");
            assertThat(Files.readString(agent.home().resolve("shares.json"))).doesNotContain("leave-open");
        }
    }

    @Test
    void aNonMemberDownloadsFromAnOpenGroupButDoesNotSeedIt(TrackerProcess trackerProcess, @TempDir Path dir)
            throws Exception {
        TrackerApi tracker = new TrackerApi(trackerProcess.url());
        SessionToken alice = tracker.newUser("reader-alice");
        SessionToken bob = tracker.newUser("reader-bob");
        tracker.createGroup(alice, "reader-open");
        Path file = randomFile(dir.resolve("open.bin"), 700_000);
        Path downloads = Files.createDirectories(dir.resolve("downloads"));

        try (TestAgent seeder = TestAgent.start(dir.resolve("alice/.p2p"), "reader-alice", alice, tracker.url());
             TestAgent reader = TestAgent.start(dir.resolve("bob/.p2p"), "reader-bob", bob, tracker.url())) {
            seeder.share(file, "reader-open");
            DownloadInfo started = reader.download("reader-open", "open.bin", downloads);
            reader.awaitComplete(started.id(), Duration.ofSeconds(60));
            assertThat(Files.mismatch(file, downloads.resolve("open.bin"))).isEqualTo(-1L);

            await("reading is open, holding is not").atMost(Duration.ofSeconds(10)).until(() -> groups(reader).isEmpty());
            SessionToken carol = tracker.newUser("reader-carol");
            assertThat(holders(tracker, carol, "reader-open", "open.bin")).containsExactly("reader-alice");
        }
    }

    private static List<String> groups(TestAgent agent) {
        TestAgent.Reply reply = agent.control("GET", "/control/shares", null);
        reply.expect(200);
        return Arrays.stream(reply.as(ShareInfo[].class)).map(ShareInfo::group).sorted().toList();
    }

    private static List<String> holders(TrackerApi tracker, SessionToken caller, String group, String fileName) {
        return tracker.details(caller, group, fileName).peers().stream().map(PeerHolding::username).toList();
    }

    /** Status of chunk 0 of the file on {@code agent}, with a fresh grant of {@code caller}'s for {@code group}. */
    private static int chunk(TestAgent agent, TrackerApi tracker, SessionToken caller, String group, Manifest manifest) {
        String grant = tracker.details(caller, group, manifest.name()).grant();
        return TestAgent.call(agent.endpoint().chunkUrl(), "GET", "/chunks/" + manifest.sha256() + "/0", null,
                "Bearer " + grant).status();
    }

    private static Path randomFile(Path path, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(path, bytes);
    }
}
