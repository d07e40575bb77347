package dev.p2pshare.cli;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.p2pshare.shared.control.SessionInfo;
import dev.p2pshare.shared.testing.TestCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An https tracker with a self-signed certificate the test makes (JDK keytool): the CLI talks to it only when
 * told to trust that certificate (--trust-cert or $P2P_TRUST_CERT), and says clearly what is wrong otherwise.
 */
class TrustCertTest {
    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static String tracker;

    @BeforeAll
    static void httpsTracker() throws Exception {
        TestCertificate certificate = TestCertificate.create(dir, "tracker");
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.presentingThis()));
        server.createContext("/api/users", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"username\":\"alice\",\"createdAt\":\"2025-11-25T10:00:00Z\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        tracker = "https://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    void theTrackersCertificateIsTrustedWhenGivenByOptionOrEnvironment() {
        CliRun byOption = CliRun.run(dir, Map.of(), "--tracker", tracker, "--trust-cert", "tracker.pem",
                "create_user", "alice", "alice-secret");
        assertThat(byOption.exitCode()).as(byOption.err()).isZero();
        assertThat(byOption.out()).contains("Created user alice");

        CliRun byEnvironment = CliRun.run(dir, Map.of("P2P_TRUST_CERT", dir.resolve("tracker.pem").toString()),
                "--tracker", tracker, "create_user", "alice", "alice-secret");
        assertThat(byEnvironment.exitCode()).as(byEnvironment.err()).isZero();
    }

    @Test
    void aSessionLoggedInWithACertificateKeepsTrustingItWithoutOptionOrEnvironment() {
        Path home = dir.resolve("remembered/.p2p");
        new SessionFolder(home, new Json()).saveSession(new SessionInfo("alice", List.of(tracker), "tok",
                Instant.now().plusSeconds(3600), dir.resolve("tracker.pem").toString()));
        CliRun run = CliRun.run(dir, Map.of(), "--home", home.toString(), "--tracker", tracker,
                "create_user", "alice", "alice-secret");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Created user alice");
    }

    @Test
    void anUntrustedCertificateIsRefusedWithTheFixInOneLine() {
        CliRun run = CliRun.run(dir, Map.of(), "--tracker", tracker, "create_user", "alice", "alice-secret");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("not trusted").contains("--trust-cert");
    }

    @Test
    void aMissingCertificateFileIsABadInput() {
        CliRun run = CliRun.run(dir, Map.of(), "--tracker", tracker, "--trust-cert", "nowhere.pem",
                "create_user", "alice", "alice-secret");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err()).contains("nowhere.pem").contains("no such file");
    }

    @Test
    void theAgentThatLoginStartsTrustsTheSameCertificate() {
        Path pem = dir.resolve("tracker.pem");
        assertThat(new AgentLauncher(Map.of(), pem).command(dir.resolve(".p2p")))
                .contains("--p2p.agent.trust-certificate=" + pem);
        assertThat(new AgentLauncher(Map.of()).command(dir.resolve(".p2p")))
                .noneMatch(arg -> arg.startsWith("--p2p.agent.trust-certificate"));
    }
}
