package dev.p2pshare.tracker.session;

import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.shared.tracker.SessionToken;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.p2pshare.tracker.TrackerClient.PASSWORD;
import static dev.p2pshare.tracker.TrackerClient.manifest;
import static dev.p2pshare.tracker.TrackerClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SessionApiTest extends TrackerTest {

    @Test
    void loginAnswersATokenThatLastsADay() {
        TrackerClient api = api();
        String name = uniqueName("login");
        api.post("/api/users", null, new Credentials(name, PASSWORD));
        TrackerClient.Response response = api.post("/api/sessions", null, new Credentials(name, PASSWORD));
        assertThat(response.status()).isEqualTo(201);
        SessionToken session = response.as(SessionToken.class);
        assertThat(session.token()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(session.expiresAt()).isCloseTo(Instant.now().plus(Duration.ofHours(24)), within(Duration.ofMinutes(1)));
        assertThat(api.get("/api/users/me", session.token()).status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordAndUnknownUserAreUnauthorized() {
        TrackerClient api = api();
        User user = api.newUser();
        assertThat(api.post("/api/sessions", null, new Credentials(user.name(), "wrong-password")).problem(401))
                .contains("wrong");
        assertThat(api.post("/api/sessions", null, new Credentials(uniqueName("nobody"), PASSWORD)).problem(401))
                .contains("wrong");
        assertThat(api.post("/api/sessions", null, new Credentials("bad name", PASSWORD)).problem(400)).contains("name");
    }

    @Test
    void logoutRevokesTheTokenAtOnceAndOnlyThatOne() {
        TrackerClient api = api();
        User user = api.newUser();
        String second = api.login(user.name());
        assertThat(api.get("/api/users/me", user.token()).status()).isEqualTo(200); // in use, so known to this instance
        assertThat(api.delete("/api/sessions/current", user.token()).status()).isEqualTo(204);
        assertThat(api.get("/api/users/me", user.token()).problem(401)).contains("revoked");
        assertThat(api.delete("/api/sessions/current", user.token()).problem(401)).isNotBlank();
        assertThat(api.get("/api/users/me", second).status()).isEqualTo(200);
    }

    @Test
    void logoutMarksTheCallersPeerOffline() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        var file = manifest("holiday.jpg", 1000);
        String group = api.groupSharing(alice, false, file);
        api.announce(alice);
        assertThat(api.details(bob, group, file.name()).peers()).hasSize(1);

        api.delete("/api/sessions/current", alice.token());
        assertThat(api.details(bob, group, file.name()).peers()).isEmpty();
    }

    @Test
    void fiveFailedLoginsWithinAMinuteAnswer429WithRetryAfter() {
        TrackerClient api = api();
        User user = api.newUser();
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/sessions", null, new Credentials(user.name(), "wrong-" + i)).status()).isEqualTo(401);
        }
        TrackerClient.Response limited = api.post("/api/sessions", null, new Credentials(user.name(), PASSWORD));
        assertThat(limited.problem(429)).contains("too many");
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 61L);
        // Other names are not affected.
        User other = api.newUser();
        assertThat(api.get("/api/users/me", other.token()).status()).isEqualTo(200);
    }

    @Test
    void successfulLoginResetsTheFailureCount() {
        TrackerClient api = api();
        User user = api.newUser();
        for (int i = 0; i < 4; i++) api.post("/api/sessions", null, new Credentials(user.name(), "wrong-" + i));
        api.login(user.name());
        for (int i = 0; i < 4; i++) api.post("/api/sessions", null, new Credentials(user.name(), "wrong-" + i));
        assertThat(api.post("/api/sessions", null, new Credentials(user.name(), PASSWORD)).status()).isEqualTo(201);
    }
}
