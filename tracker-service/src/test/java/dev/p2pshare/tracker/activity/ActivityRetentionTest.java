package dev.p2pshare.tracker.activity;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.ActivityLine;
import dev.p2pshare.shared.tracker.ActivityPage;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static dev.p2pshare.tracker.TrackerClient.manifest;
import static org.assertj.core.api.Assertions.assertThat;

/** On a tracker that keeps activity lines for 2 s; the test runs the scheduled retention job itself. */
@TestPropertySource(properties = "p2p.tracker.activity-retention=2s")
class ActivityRetentionTest extends TrackerTest {
    @Autowired
    ActivityService activity;

    @Test
    void retentionRemovesLinesOlderThanTheSettingAndKeepsNewerOnes() throws InterruptedException {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        Manifest file = manifest("old.bin", 10);
        String group = api.groupSharing(alice, false, file);
        api.details(bob, group, file.name());
        Thread.sleep(2_300);
        api.details(alice, group, file.name());
        activity.purge();
        ActivityPage page = api.get("/api/groups/" + group + "/activity", alice.token()).as(ActivityPage.class);
        assertThat(page.lines()).extracting(ActivityLine::user).containsExactly(alice.name());
    }
}
