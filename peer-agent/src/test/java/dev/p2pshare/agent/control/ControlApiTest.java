package dev.p2pshare.agent.control;

import dev.p2pshare.agent.RawHttp;
import dev.p2pshare.agent.TestAgent;
import dev.p2pshare.agent.TrackerProcess;
import dev.p2pshare.shared.control.AgentStatus;
import dev.p2pshare.shared.control.SessionFiles;
import dev.p2pshare.shared.tracker.SessionToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The agent's two listeners and its session-folder files; the tracker is deliberately unreachable here. */
class ControlApiTest {
    @TempDir
    Path dir;

    private TestAgent startAgent(Path home) throws Exception {
        String deadTracker = "http://127.0.0.1:" + TrackerProcess.freePort();
        return TestAgent.start(home, "alice", new SessionToken("token", Instant.now().plusSeconds(3600)), deadTracker);
    }

    @Test
    void writesItsSecretAndEndpointOwnerOnlyAndRemovesTheEndpointWhenStopped() throws Exception {
        Path home = dir.resolve(".p2p");
        try (TestAgent agent = startAgent(home)) {
            assertThat(agent.endpoint().pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(URI.create(agent.endpoint().controlUrl()).getHost()).isEqualTo("127.0.0.1");
            assertThat(agent.endpoint().chunkUrl()).startsWith("http://127.0.0.1:");
            assertThat(agent.secret()).hasSizeGreaterThanOrEqualTo(40);
            for (String file : new String[]{SessionFiles.SECRET, SessionFiles.ENDPOINT}) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(file))))
                        .as(file).isEqualTo("rw-------");
            }
        }
        assertThat(home.resolve(SessionFiles.ENDPOINT)).doesNotExist();
    }

    @Test
    void controlCallsNeedTheSecret() throws Exception {
        try (TestAgent agent = startAgent(dir.resolve(".p2p"))) {
            String control = agent.endpoint().controlUrl();
            assertThat(TestAgent.call(control, "GET", "/control/status", null, null).status()).isEqualTo(401);
            assertThat(TestAgent.call(control, "GET", "/control/status", null, "Bearer wrong").status()).isEqualTo(401);
            assertThat(TestAgent.call(control, "GET", "/control/downloads", null, agent.secret()).status())
                    .as("the secret without the Bearer scheme").isEqualTo(401);
            TestAgent.Reply refused = TestAgent.call(control, "POST", "/control/logout", null, null);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.contentType()).startsWith("application/problem+json");

            AgentStatus status = agent.status();
            assertThat(status.username()).isEqualTo("alice");
            assertThat(status.chunkUrl()).isEqualTo(agent.endpoint().chunkUrl());
            await().atMost(Duration.ofSeconds(10)).until(() -> agent.status().trackerState(), s -> s.contains("unreachable"));
        }
    }

    @Test
    void eachListenerAnswersOnlyItsOwnPaths() throws Exception {
        try (TestAgent agent = startAgent(dir.resolve(".p2p"))) {
            String bearer = "Bearer " + agent.secret();
            String sha = "a".repeat(64);
            assertThat(TestAgent.call(agent.endpoint().chunkUrl(), "GET", "/control/status", null, bearer).status())
                    .isEqualTo(404);
            assertThat(TestAgent.call(agent.endpoint().chunkUrl(), "GET", "/actuator/health", null, bearer).status())
                    .isEqualTo(404);
            assertThat(TestAgent.call(agent.endpoint().controlUrl(), "GET", "/chunks/" + sha + "/0", null, bearer).status())
                    .isEqualTo(404);
            assertThat(TestAgent.call(agent.endpoint().chunkUrl(), "GET", "/chunks/" + sha + "/0", null, null).status())
                    .isEqualTo(401);
        }
    }

    @Test
    void inputTomcatOrSpringWouldChokeOnIsAProblemJson4xx() throws Exception {
        try (TestAgent agent = startAgent(dir.resolve(".p2p"))) {
            int control = URI.create(agent.endpoint().controlUrl()).getPort();
            int chunks = URI.create(agent.endpoint().chunkUrl()).getPort();
            Map<String, String> secret = Map.of("Authorization", "Bearer " + agent.secret());
            Map<String, String> wildcard = Map.of("Authorization", "Bearer " + agent.secret(), "Content-Type", "*/*");
            List<Object[]> cases = List.of(
                    new Object[]{chunks, "CONNECT", "/chunks/x/0", Map.of(), 405},
                    new Object[]{control, "TRACE", "/control/status", secret, 405},
                    new Object[]{chunks, "GET", "/chunks/a b/0", Map.of(), 400},
                    new Object[]{chunks, "GET", "/chunks/%5C/0", Map.of(), 400},
                    new Object[]{control, "GET", "/actuator/health?sort=%zz", Map.of(), 400},
                    new Object[]{control, "GET", "/control/status", wildcard, 415},
                    new Object[]{control, "GET", "/control/status/x", Map.of("Authorization", "Bearer " + agent.secret(),
                            "Accept", "garbage"), 404});
            for (Object[] c : cases) {
                @SuppressWarnings("unchecked")
                RawHttp.Reply reply = RawHttp.send((int) c[0], (String) c[1], (String) c[2], (Map<String, String>) c[3], null);
                String request = c[1] + " " + c[2];
                assertThat(reply.status()).as(request).isEqualTo(c[4]);
                assertThat(reply.header("Content-Type")).as(request).startsWith("application/problem+json");
                assertThat(reply.text()).as(request).contains("\"status\":" + c[4]).doesNotContain("Tomcat", "<html");
            }
        }
    }

    @Test
    void aSecondAgentOnTheSameHomeRefusesToStart() throws Exception {
        Path home = dir.resolve(".p2p");
        try (TestAgent agent = startAgent(home)) {
            assertThatThrownBy(() -> startAgent(home)).hasStackTraceContaining("already running");
            assertThat(agent.status().username()).isEqualTo("alice");
        }
    }

    @Test
    void logoutStopsTheAgentEvenWhenTheTrackerCannotBeReached() throws Exception {
        Path home = dir.resolve(".p2p");
        TestAgent agent = startAgent(home);
        try {
            TestAgent.Reply reply = agent.control("POST", "/control/logout", null);
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.text()).contains("stops anyway");
            await().atMost(Duration.ofSeconds(20)).until(() -> !agent.context().isActive());
            assertThat(home.resolve(SessionFiles.ENDPOINT)).doesNotExist();
        } finally {
            agent.close();
        }
    }
}
