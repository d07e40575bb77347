package dev.p2pshare.tracker;

import dev.p2pshare.shared.tracker.CreateGroup;
import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.shared.tracker.UserInfo;
import dev.p2pshare.tracker.TrackerClient.User;
import org.junit.jupiter.api.Test;

import static dev.p2pshare.tracker.TrackerClient.PASSWORD;
import static dev.p2pshare.tracker.TrackerClient.filesPath;
import static dev.p2pshare.tracker.TrackerClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

/** User and group names are one name whatever their case: unique and found that way, shown as first written. */
class NameCaseTest extends TrackerTest {

    @Test
    void aUserNameDifferingOnlyInCaseIsTaken() {
        TrackerClient api = api();
        String name = uniqueName("Alice");
        assertThat(api.post("/api/users", null, new Credentials(name, PASSWORD)).status()).isEqualTo(201);
        assertThat(api.post("/api/users", null, new Credentials(name.toLowerCase(), PASSWORD)).problem(409))
                .contains("already exists");
        assertThat(api.post("/api/users", null, new Credentials(name.toUpperCase(), PASSWORD)).problem(409))
                .contains("already exists");
        // Logging in in another case is the same account, which keeps the case it was registered with.
        String token = api.login(name.toUpperCase());
        assertThat(api.get("/api/users/me", token).as(UserInfo.class).username()).isEqualTo(name);
    }

    @Test
    void aGroupNameDifferingOnlyInCaseIsTakenAndFound() {
        TrackerClient api = api();
        User alice = api.newUser();
        String group = uniqueName("Photos");
        assertThat(api.post("/api/groups", alice.token(), new CreateGroup(group, false)).status()).isEqualTo(201);
        assertThat(api.post("/api/groups", api.newUser().token(), new CreateGroup(group.toLowerCase(), false)).problem(409))
                .contains("already exists");
        assertThat(api.get(filesPath(group.toUpperCase()), alice.token()).status()).isEqualTo(200);
    }
}
