package dev.p2pshare.tracker.user;

import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.shared.tracker.UserInfo;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.p2pshare.tracker.TrackerClient.PASSWORD;
import static dev.p2pshare.tracker.TrackerClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class UserApiTest extends TrackerTest {

    @Test
    void registersAUserAndAnswersWhoItIs() {
        TrackerClient api = api();
        String name = uniqueName("alice");
        TrackerClient.Response created = api.post("/api/users", null, new Credentials(name, PASSWORD));
        assertThat(created.status()).isEqualTo(201);
        UserInfo info = created.as(UserInfo.class);
        assertThat(info.username()).isEqualTo(name);
        assertThat(info.createdAt()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
        assertThat(created.body()).doesNotContain(PASSWORD);

        String token = api.login(name);
        UserInfo me = api.get("/api/users/me", token).as(UserInfo.class);
        assertThat(me.username()).isEqualTo(name);
    }

    @Test
    void duplicateUserIsAConflict() {
        TrackerClient api = api();
        String name = uniqueName("dup");
        assertThat(api.post("/api/users", null, new Credentials(name, PASSWORD)).status()).isEqualTo(201);
        assertThat(api.post("/api/users", null, new Credentials(name, "other-password")).problem(409)).contains(name);
    }

    @Test
    void badUserNamesAreRefused() {
        TrackerClient api = api();
        for (String bad : new String[]{"", "bob smith", "x".repeat(65), "zoë", "a/b", "bob'; drop table users;--"}) {
            assertThat(api.post("/api/users", null, new Credentials(bad, PASSWORD)).problem(400)).contains("name");
        }
        assertThat(api.post("/api/users", null, "{\"password\":\"pass123\"}").problem(400)).contains("name");
    }

    @Test
    void passwordsAreSixTo128Characters() {
        TrackerClient api = api();
        assertThat(api.post("/api/users", null, new Credentials(uniqueName("p"), "12345")).problem(400)).contains("password");
        assertThat(api.post("/api/users", null, new Credentials(uniqueName("p"), "x".repeat(129))).problem(400)).contains("password");
        assertThat(api.post("/api/users", null, new Credentials(uniqueName("p"), null)).problem(400)).contains("password");
        assertThat(api.post("/api/users", null, new Credentials(uniqueName("p"), "123456")).status()).isEqualTo(201);
        assertThat(api.post("/api/users", null, new Credentials(uniqueName("p"), "x".repeat(128))).status()).isEqualTo(201);
    }

    @Test
    void registeringIgnoresAStaleSessionHeader() {
        TrackerClient.Response created = api().post("/api/users", "no-such-token",
                new Credentials(uniqueName("stale"), PASSWORD));
        assertThat(created.status()).isEqualTo(201);
    }

    @Test
    void whoAmINeedsASession() {
        assertThat(api().get("/api/users/me", null).problem(401)).contains("log in");
        assertThat(api().get("/api/users/me", "made-up-token").problem(401)).contains("session");
    }
}
