package dev.p2pshare.tracker.activity;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.ActivityKind;
import dev.p2pshare.shared.tracker.ActivityLine;
import dev.p2pshare.shared.tracker.ActivityPage;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.util.List;

import static dev.p2pshare.tracker.TrackerClient.manifest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a tracker whose grants last 4 s (re-signed after 2 s) and which keeps activity lines for 10 s; the tests run
 * the scheduled retention job themselves.
 */
@TestPropertySource(properties = {"p2p.tracker.grant-ttl=4s", "p2p.tracker.activity-retention=10s"})
class ActivityTimeTest extends TrackerTest {
    @Autowired
    ActivityService activity;

    private static List<ActivityLine> lines(TrackerClient api, User owner, String group) {
        return api.get("/api/groups/" + group + "/activity", owner.token()).as(ActivityPage.class).lines();
    }

    @Test
    void aGrantSignedWhileTheUsersPreviousOneIsValidIsARenewal() throws InterruptedException {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        Manifest file = manifest("renewed.bin", 10);
        String group = api.groupSharing(alice, false, file);
        api.details(bob, group, file.name());
        Thread.sleep(2_200); // past half the grant's life: the next ask signs anew, while the first is still valid
        api.details(bob, group, file.name());
        Thread.sleep(4_200); // the second grant has expired
        api.details(bob, group, file.name());
        assertThat(lines(api, alice, group)).extracting(ActivityLine::kind)
                .containsExactly(ActivityKind.GRANT, ActivityKind.RENEWAL, ActivityKind.GRANT);
    }

    @Test
    void retentionRemovesLinesOlderThanTheSettingAndKeepsNewerOnes() throws InterruptedException {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        Manifest file = manifest("old.bin", 10);
        String group = api.groupSharing(alice, false, file);
        api.details(bob, group, file.name());
        Thread.sleep(10_300);
        api.details(alice, group, file.name());
        activity.purge();
        assertThat(lines(api, alice, group)).extracting(ActivityLine::user).containsExactly(alice.name());
    }
}
