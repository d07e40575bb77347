package dev.p2pshare.agent.control;

import dev.p2pshare.agent.RealTracker;
import dev.p2pshare.agent.TestAgent;
import dev.p2pshare.agent.TrackerApi;
import dev.p2pshare.agent.TrackerProcess;
import dev.p2pshare.shared.control.AgentStatus;
import dev.p2pshare.shared.control.ShareInfo;
import dev.p2pshare.shared.control.StoppedShare;
import dev.p2pshare.shared.tracker.PeerHolding;
import dev.p2pshare.shared.tracker.SessionToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code status} says what is true now: stopped shares with their fix, dropped shares gone, the tracker's reach. */
@ExtendWith(RealTracker.class)
class StatusTest {
    /** The test agents' heartbeat interval (TestAgent), and the slack one heartbeat may take. */
    private static final Duration ONE_HEARTBEAT = Duration.ofSeconds(2).plusMillis(1500);

    @Test
    void aShareChangedOnDiskIsListedAsStoppedWithTheFixUntilSharedAgain(TrackerProcess trackerProcess, @TempDir Path dir)
            throws Exception {
        TrackerApi tracker = new TrackerApi(trackerProcess.url());
        SessionToken alice = tracker.newUser("touch-alice");
        SessionToken bob = tracker.newUser("touch-bob");
        tracker.createGroup(alice, "touch-open");
        Path file = Files.write(dir.resolve("notes.txt"), "first words".getBytes());
        try (TestAgent agent = TestAgent.start(dir.resolve("alice/.p2p"), "touch-alice", alice, tracker.url())) {
            agent.share(file, "touch-open");
            assertThat(agent.status().shares()).extracting(ShareInfo::name).containsExactly("notes.txt");

            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60))); // touch
            AgentStatus status = agent.status();
            assertThat(status.shares()).isEmpty();
            assertThat(status.stopped()).singleElement().satisfies(stopped -> {
                assertThat(stopped.group()).isEqualTo("touch-open");
                assertThat(stopped.name()).isEqualTo("notes.txt");
                assertThat(stopped.path()).isEqualTo(file.toString());
                assertThat(stopped.reason()).isEqualTo("changed on disk");
                assertThat(stopped.fix()).startsWith("upload it again");
            });
            await("the tracker is told").atMost(Duration.ofSeconds(10))
                    .until(() -> tracker.detailsStatus(bob, "touch-open", "notes.txt") == 404);

            agent.share(file, "touch-open");
            assertThat(agent.status().stopped()).isEmpty();
            assertThat(tracker.details(bob, "touch-open", "notes.txt").peers()).extracting(PeerHolding::username)
                    .containsExactly("touch-alice");

            Files.delete(file);
            assertThat(agent.status().stopped()).extracting(StoppedShare::reason).containsExactly("gone from disk");
            agent.control("DELETE", "/control/shares/touch-open/notes.txt", null).expect(204);
            assertThat(agent.status().stopped()).as("stop_sharing forgets it").isEmpty();
        }
    }

    @Test
    void sharesInADeletedGroupLeaveTheStatusWithinOneHeartbeat(TrackerProcess trackerProcess, @TempDir Path dir)
            throws Exception {
        TrackerApi tracker = new TrackerApi(trackerProcess.url());
        SessionToken alice = tracker.newUser("deleted-alice");
        SessionToken bob = tracker.newUser("deleted-bob");
        tracker.createGroup(alice, "deleted-open");
        tracker.createGroup(alice, "deleted-kept");
        tracker.join(bob, "deleted-open");
        tracker.join(bob, "deleted-kept");
        Path file = Files.write(dir.resolve("song.bin"), new byte[5000]);
        try (TestAgent agent = TestAgent.start(dir.resolve("bob/.p2p"), "deleted-bob", bob, tracker.url())) {
            agent.share(file, "deleted-open");
            agent.share(file, "deleted-kept");
            tracker.deleteGroup(alice, "deleted-open");
            await().atMost(ONE_HEARTBEAT).pollInterval(Duration.ofMillis(100))
                    .until(() -> agent.status().shares().stream().map(ShareInfo::group).toList(),
                            groups -> groups.equals(List.of("deleted-kept")));
            assertThat(agent.status().stopped()).as("the tracker dropped it: nothing to fix").isEmpty();
        }
    }

    @Test
    void theTrackerLineSaysWhenItWasLastReachedAndWhenItStoppedAnswering(@TempDir Path dir) throws Exception {
        try (TrackerProcess own = TrackerProcess.start()) {
            TrackerApi tracker = new TrackerApi(own.url());
            SessionToken carol = tracker.newUser("reach-carol");
            try (TestAgent agent = TestAgent.start(dir.resolve(".p2p"), "reach-carol", carol, tracker.url())) {
                AgentStatus connected = await().atMost(Duration.ofSeconds(20))
                        .until(agent::status, s -> s.trackerState().startsWith("connected to "));
                assertThat(connected.trackerState()).matches("connected to " + own.url() + " \\(last reached \\d+ s ago\\)");
                assertThat(connected.trackerLastReached()).isBefore(Instant.now().plusSeconds(1));
                assertThat(connected.trackerUnreachableSince()).isNull();

                Instant halted = Instant.now();
                own.halt();
                AgentStatus down = await().atMost(ONE_HEARTBEAT.plusSeconds(2)).pollInterval(Duration.ofMillis(100))
                        .until(agent::status, s -> s.trackerState().startsWith("unreachable since "));
                assertThat(down.trackerState()).matches("unreachable since \\d\\d:\\d\\d:\\d\\d \\(last error: .+; last reached \\d+ s ago\\)");
                assertThat(down.trackerUnreachableSince()).isAfterOrEqualTo(halted.minusMillis(10));
                assertThat(down.trackerLastError()).isNotBlank();

                own.resume();
                await().atMost(Duration.ofSeconds(40)).until(() -> agent.status().trackerState(),
                        state -> state.startsWith("connected to "));
            }
        }
    }
}
