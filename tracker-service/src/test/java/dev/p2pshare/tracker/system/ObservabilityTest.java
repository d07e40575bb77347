package dev.p2pshare.tracker.system;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.shared.tracker.SessionToken;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.p2pshare.tracker.TrackerClient.manifest;
import static dev.p2pshare.tracker.TrackerClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

/** What an operator sees: Prometheus metrics of requests and of the tracker's own events, and one log line per event. */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends TrackerTest {
    private static final String EVENTS = "dev.p2pshare.tracker";
    private final LoggingSystem logging = LoggingSystem.get(ObservabilityTest.class.getClassLoader());

    @BeforeEach
    void logEvents() {
        logging.setLogLevel(EVENTS, LogLevel.INFO); // the suite runs at WARN; a real tracker logs INFO
    }

    @AfterEach
    void quiet() {
        logging.setLogLevel(EVENTS, null);
    }

    @Test
    void prometheusCountsRequestsFailedLoginsGrantsAndOnlinePeers() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        Manifest file = manifest("metrics.bin", 10);
        String group = api.groupSharing(alice, false, file);
        String before = prometheus(api);

        for (int i = 0; i < 2; i++) api.post("/api/sessions", null, new Credentials(bob.name(), "wrong-" + i));
        for (int i = 0; i < 3; i++) api.details(bob, group, file.name());
        api.announce(alice);
        api.announce(bob);
        String after = prometheus(api);

        assertThat(value(after, "p2p_tracker_logins_failed_total", "reason=\"wrong-credentials\"")
                - value(before, "p2p_tracker_logins_failed_total", "reason=\"wrong-credentials\"")).isEqualTo(2);
        assertThat(value(after, "p2p_tracker_grants_issued_total", "") - value(before, "p2p_tracker_grants_issued_total", ""))
                .isEqualTo(3);
        double online = value(after, "p2p_tracker_peers_online", "");
        assertThat(online).isGreaterThanOrEqualTo(2);
        assertThat(after).contains("# HELP p2p_tracker_peers_online");
        // Spring's request metrics, by URI template (so file names do not multiply the series).
        assertThat(value(after, "http_server_requests_seconds_count", "uri=\"/api/groups/{group}/files/{fileName}\""))
                .isGreaterThanOrEqualTo(3);
        assertThat(after).doesNotContain(file.name()).doesNotContain(group);

        api.delete("/api/sessions/current", alice.token());
        api.delete("/api/sessions/current", bob.token());
        // At least these two are off at once; a peer of an earlier test may time out in between as well.
        assertThat(value(prometheus(api), "p2p_tracker_peers_online", "")).isLessThanOrEqualTo(online - 2);
    }

    @Test
    void everyEventLogsOneLineWithoutSecrets(CapturedOutput output) {
        TrackerClient api = api();
        String name = uniqueName("logged");
        String password = "Very-Secret-Pw-" + System.nanoTime();
        String wrong = "Wrong-Guess-" + System.nanoTime();
        api.post("/api/users", null, new Credentials(name, password));
        String token = api.post("/api/sessions", null, new Credentials(name, password)).as(SessionToken.class).token();
        api.post("/api/sessions", null, new Credentials(name, wrong));
        User user = new User(name, token);
        String group = api.newGroup(user, true);
        Manifest file = manifest("report 2025.pdf", 1234);
        api.share(user, group, file);
        api.details(user, group, file.name());
        api.delete("/api/sessions/current", token);

        String log = output.getAll();
        assertThat(lines(log, "user registered: " + name)).isEqualTo(1);
        assertThat(lines(log, "login ok: " + name + " from 127.0.0.1")).isEqualTo(1);
        assertThat(lines(log, "login failed: " + name + " from 127.0.0.1 (wrong password)")).isEqualTo(1);
        assertThat(lines(log, "group created: " + group + " (private) by " + name)).isEqualTo(1);
        assertThat(lines(log, "file shared: report 2025.pdf (1234 bytes, sha256 " + file.sha256() + ") in " + group
                + " by " + name)).isEqualTo(1);
        assertThat(lines(log, "logout: " + name)).isEqualTo(1);
        assertThat(log).doesNotContain(password).doesNotContain(wrong).doesNotContain(token)
                .doesNotContain(token.substring(0, 12));
    }

    private static String prometheus(TrackerClient api) {
        TrackerClient.Response response = api.get("/actuator/prometheus", null);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    /** The sum of the samples of {@code metric} whose labels contain {@code label}; 0 when there is none. */
    private static double value(String exposition, String metric, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{.*})? (\\S+)$").matcher(exposition);
        double sum = 0;
        while (m.find()) {
            String labels = m.group(1) == null ? "" : m.group(1);
            if (labels.contains(label)) sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }

    private static long lines(String log, String text) {
        return log.lines().filter(line -> line.contains(text)).count();
    }
}
