package dev.p2pshare.tracker.system;

import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input of every kind gets a problem+json answer with the right status, never a 500 or a stack trace. */
class ErrorHandlingTest extends TrackerTest {

    @Test
    void malformedJsonIsBadRequest() {
        TrackerClient api = api();
        User user = api.newUser();
        assertThat(api.post("/api/groups", user.token(), "{\"name\": ").problem(400)).contains("JSON");
        assertThat(api.post("/api/users", null, "not json at all").problem(400)).contains("JSON");
        assertThat(api.post("/api/sessions", null, "").problem(400)).isNotBlank();
        assertThat(api.post("/api/groups", user.token(), "{\"name\": 42, \"private\": \"maybe\"}").problem(400)).isNotBlank();
    }

    @Test
    void wrongMethodIsMethodNotAllowed() {
        TrackerClient api = api();
        User user = api.newUser();
        assertThat(api.send("PATCH", "/api/groups", user.token(), null).problem(405)).isNotBlank();
        assertThat(api.send("PUT", "/api/users/me", user.token(), null).problem(405)).isNotBlank();
    }

    @Test
    void unknownPathIsNotFound() {
        TrackerClient api = api();
        User user = api.newUser();
        assertThat(api.get("/api/nothing/here", user.token()).problem(404)).contains("/api/nothing/here");
        assertThat(api.get("/api/nothing/here", null).problem(401)).isNotBlank();
    }

    @Test
    void bodiesAboveTheLimitAreTooLarge() {
        TrackerClient api = api();
        User user = api.newUser();
        byte[] big = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        assertThat(api.sendRaw("POST", "/api/groups", user.token(), HttpRequest.BodyPublishers.ofByteArray(big))
                .problem(413)).contains("larger");
        // Without a Content-Length (chunked), the limit strikes while reading.
        assertThat(api.sendRaw("POST", "/api/groups", user.token(),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).problem(413)).contains("larger");
    }

    @Test
    void wrongContentTypeIsRefused() {
        TrackerClient api = api();
        User user = api.newUser();
        TrackerClient.Response response = api.sendRaw("POST", "/api/groups?x=1", user.token(),
                HttpRequest.BodyPublishers.ofString("name=x"));
        assertThat(response.status()).isLessThan(500);
    }

    @Test
    void refusedUrlsAnswerProblemsToo() {
        TrackerClient api = api();
        User user = api.newUser();
        assertThat(api.get("/api/groups/a%2Fb/files", user.token()).problem(400)).isNotBlank();
        assertThat(api.get("/api/groups/x%00y/files", user.token()).problem(400)).isNotBlank();
    }
}
