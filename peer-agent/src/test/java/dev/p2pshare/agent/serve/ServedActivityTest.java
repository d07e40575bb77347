package dev.p2pshare.agent.serve;

import dev.p2pshare.agent.RealTracker;
import dev.p2pshare.agent.TestAgent;
import dev.p2pshare.agent.TestGroup;
import dev.p2pshare.agent.TrackerApi;
import dev.p2pshare.agent.TrackerProcess;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.tracker.ActivityKind;
import dev.p2pshare.shared.tracker.ActivityLine;
import dev.p2pshare.shared.tracker.SessionToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** What agents serve reaches the group's activity record, labelled with the agent's user who reported it. */
@ExtendWith(RealTracker.class)
class ServedActivityTest {
    private static final String GROUP = "activity-served";
    private static final int CHUNKS = 8;
    /** Slow seeders, so that the download takes chunks from both. */
    private static final String THROTTLED = "--p2p.agent.max-upload-rate=1MB";

    @Test
    void theOwnerSeesBobsGrantAndWhatBothSeedersServedHimOthersSeeOnlyTheirOwnLines(
            TrackerProcess trackerProcess, @TempDir Path dir) throws Exception {
        try (TestGroup group = new TestGroup(trackerProcess, dir, GROUP)) {
            TrackerApi tracker = group.tracker();
            SessionToken aliceToken = group.owner("activity-alice");
            SessionToken carolToken = group.member("activity-carol");
            SessionToken bobToken = group.member("activity-bob");
            TestAgent alice = group.agent("activity-alice", aliceToken, THROTTLED);
            TestAgent carol = group.agent("activity-carol", carolToken, THROTTLED);
            TestAgent bob = group.agent("activity-bob", bobToken);
            byte[] bytes = new byte[CHUNKS * Manifest.CHUNK_SIZE - 5];
            new Random(7).nextBytes(bytes);
            Path original = Files.write(dir.resolve("film.bin"), bytes);
            alice.share(original, GROUP);
            carol.share(original, GROUP);

            Path downloads = Files.createDirectories(dir.resolve("downloads"));
            DownloadInfo started = bob.download(GROUP, "film.bin", downloads);
            bob.awaitComplete(started.id(), Duration.ofSeconds(90));

            // Each seeder reports on its next round; together they served every chunk (one twice, when the download's
            // endgame asked both).
            List<ActivityLine> all = await().atMost(Duration.ofSeconds(20)).until(
                    () -> tracker.activity(aliceToken, GROUP, null).lines(),
                    lines -> served(lines, null) >= CHUNKS);
            assertThat(served(all, "activity-alice")).isPositive();
            assertThat(served(all, "activity-carol")).isPositive();
            assertThat(all.stream().filter(line -> line.kind() == ActivityKind.SERVED).mapToLong(ActivityLine::bytes).sum())
                    .isGreaterThanOrEqualTo(bytes.length);
            assertThat(all).filteredOn(line -> line.kind() == ActivityKind.SERVED)
                    .allSatisfy(line -> {
                        assertThat(line.user()).isEqualTo("activity-bob");
                        assertThat(line.file()).isEqualTo("film.bin");
                    });
            assertThat(all).filteredOn(line -> line.kind() == ActivityKind.GRANT)
                    .extracting(ActivityLine::user, ActivityLine::address)
                    .contains(tuple("activity-bob", "127.0.0.1"));

            List<ActivityLine> bobs = tracker.activity(bobToken, GROUP, null).lines();
            assertThat(bobs).isNotEmpty().allSatisfy(line -> assertThat(line.user()).isEqualTo("activity-bob"));
            assertThat(served(bobs, null)).isEqualTo(served(all, null));

            List<ActivityLine> carols = tracker.activity(carolToken, GROUP, null).lines();
            assertThat(carols).isNotEmpty().allSatisfy(line -> {
                assertThat(line.kind()).isEqualTo(ActivityKind.SERVED);
                assertThat(line.reportedBy()).isEqualTo("activity-carol");
            });
            assertThat(tracker.activityStatus(carolToken, GROUP, "activity-bob")).as("not the owner").isEqualTo(403);
        }
    }

    /** Chunks served in {@code lines}, by {@code reporter}'s agent, or by any when null. */
    private static long served(List<ActivityLine> lines, String reporter) {
        return lines.stream()
                .filter(line -> line.kind() == ActivityKind.SERVED)
                .filter(line -> reporter == null || reporter.equals(line.reportedBy()))
                .mapToLong(ActivityLine::chunks).sum();
    }
}
