package dev.p2pshare.tracker;

import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.shared.tracker.FileSummary;
import dev.p2pshare.shared.tracker.SessionToken;
import dev.p2pshare.tracker.TrackerClient.User;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;

import static dev.p2pshare.tracker.TrackerClient.filesPath;
import static dev.p2pshare.tracker.TrackerClient.manifest;
import static org.assertj.core.api.Assertions.assertThat;

/** Time limits, on a tracker whose sessions last 5 s and whose peers go offline after 1 s of silence. */
@TestPropertySource(properties = {"p2p.tracker.session-ttl=5s", "p2p.tracker.peer-timeout=1s"})
class ExpiryTest extends TrackerTest {

    @Test
    void expiredTokensAreUnauthorized() throws InterruptedException {
        TrackerClient api = api();
        User user = api.newUser();
        SessionToken session = api.post("/api/sessions", null, new Credentials(user.name(), TrackerClient.PASSWORD))
                .as(SessionToken.class);
        assertThat(session.expiresAt()).isBefore(Instant.now().plusSeconds(6));
        assertThat(api.get("/api/users/me", session.token()).status()).isEqualTo(200);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), session.expiresAt()).toMillis()) + 300);
        assertThat(api.get("/api/users/me", session.token()).problem(401)).contains("expired");
        assertThat(api.get("/api/users/me", api.login(user.name())).status()).isEqualTo(200);
    }

    @Test
    void aSilentPeerIsOfflineAndNeverHandedOut() throws InterruptedException {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        var file = manifest("offline.bin", 1);
        String group = api.groupSharing(alice, false, file);
        api.announce(alice);
        assertThat(api.details(bob, group, file.name()).peers()).hasSize(1);
        Thread.sleep(1_200);
        assertThat(api.details(bob, group, file.name()).peers()).isEmpty();
        FileSummary[] listed = api.get(filesPath(group), bob.token()).as(FileSummary[].class);
        assertThat(listed).extracting(FileSummary::seeders).containsExactly(0);
        api.announce(alice); // the heartbeat brings it back
        assertThat(api.details(bob, group, file.name()).peers()).hasSize(1);
    }
}
