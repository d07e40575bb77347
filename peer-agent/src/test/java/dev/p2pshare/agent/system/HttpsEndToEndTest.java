package dev.p2pshare.agent.system;

import dev.p2pshare.agent.TestAgent;
import dev.p2pshare.agent.TrackerApi;
import dev.p2pshare.agent.TrackerProcess;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.ShareInfo;
import dev.p2pshare.shared.testing.TestCertificate;
import dev.p2pshare.shared.tracker.SessionToken;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The whole path over HTTPS: a tracker (server.ssl.bundle) and two agents whose chunk servers speak
 * HTTPS too, all presenting a certificate the agents trust (p2p.agent.trust-certificate). The agents
 * announce themselves, register a share, fetch grants and the grant keys from the tracker, and move the
 * chunks, all over TLS; the control API stays plain HTTP on loopback; a client that does not trust the
 * certificate gets nothing from the tracker or from a chunk server.
 */
class HttpsEndToEndTest {

    @Test
    void trackerAndAgentsWorkOverHttpsWithATrustedCertificate(@TempDir Path dir) throws Exception {
        TestCertificate tls = TestCertificate.create(dir, "p2p");
        List<String> agentSettings = new ArrayList<>(tls.serverArguments("chunks"));
        agentSettings.add("--p2p.agent.trust-certificate=" + tls.certificate());
        String[] settings = agentSettings.toArray(String[]::new);
        OkHttpClient trusting = TrackerApi.trusting(tls.certificate());
        OkHttpClient untrusting = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5)).build();

        try (TrackerProcess trackerProcess = TrackerProcess.start(tls)) {
            assertThat(trackerProcess.url()).startsWith("https://127.0.0.1:");
            TrackerApi tracker = new TrackerApi(trackerProcess.url(), trusting);
            SessionToken alice = tracker.newUser("tls-alice");
            SessionToken bob = tracker.newUser("tls-bob");
            tracker.createGroup(alice, "tls");
            byte[] bytes = new byte[3 * Manifest.CHUNK_SIZE - 11];
            new Random(7).nextBytes(bytes);
            Path original = Files.write(dir.resolve("secret plans.bin"), bytes);
            Path downloads = Files.createDirectories(dir.resolve("downloads"));

            try (TestAgent seeder = TestAgent.start(dir.resolve("alice/.p2p"), "tls-alice", alice, tracker.url(), settings);
                 TestAgent leecher = TestAgent.start(dir.resolve("bob/.p2p"), "tls-bob", bob, tracker.url(), settings)) {
                assertThat(seeder.endpoint().chunkUrl()).startsWith("https://127.0.0.1:");
                assertThat(seeder.endpoint().controlUrl()).startsWith("http://127.0.0.1:");
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> leecher.status().trackerState(), state -> state.startsWith("connected to https://"));

                ShareInfo shared = seeder.share(original, "tls");
                await("the seeder announced its https chunk URL to the https tracker").atMost(Duration.ofSeconds(30))
                        .until(() -> tracker.details(bob, "tls", original.getFileName().toString()).peers(), peers ->
                                peers.stream().anyMatch(p -> p.username().equals("tls-alice") && p.url().startsWith("https://")));
                DownloadInfo started = leecher.download("tls", original.getFileName().toString(), downloads);
                leecher.awaitComplete(started.id(), Duration.ofSeconds(90));
                assertThat(Files.mismatch(original, downloads.resolve(original.getFileName()))).isEqualTo(-1L);

                // Without the certificate, nothing: the handshake fails before any request is read.
                for (String url : List.of(trackerProcess.url() + "/api/keys",
                        seeder.endpoint().chunkUrl() + "/chunks/" + shared.sha256())) {
                    assertThatThrownBy(() -> {
                        try (Response ignored = untrusting.newCall(new Request.Builder().url(url).build()).execute()) {
                            // never reached
                        }
                    }).as(url).isInstanceOf(SSLHandshakeException.class);
                }
            }
        } finally {
            // (trusting shares the test client's dispatcher and pool: only this one is stopped here)
            untrusting.dispatcher().executorService().shutdown();
            untrusting.connectionPool().evictAll();
        }
    }
}
