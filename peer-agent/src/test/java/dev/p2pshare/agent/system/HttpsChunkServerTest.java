package dev.p2pshare.agent.system;

import dev.p2pshare.agent.RealTracker;
import dev.p2pshare.agent.TestAgent;
import dev.p2pshare.agent.TrackerApi;
import dev.p2pshare.agent.TrackerProcess;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.ShareInfo;
import dev.p2pshare.shared.tracker.SessionToken;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Agents whose chunk servers speak HTTPS (server.ssl.bundle) and which trust the certificate they present
 * (p2p.agent.trust-certificate): a download goes through over TLS, the control API stays plain HTTP on
 * loopback, and a client that does not trust the certificate gets nothing.
 */
@ExtendWith(RealTracker.class)
class HttpsChunkServerTest {
    private static final String PASSWORD = "test-only";

    @Test
    void agentsExchangeChunksOverHttpsWithATrustedCertificate(TrackerProcess trackerProcess, @TempDir Path dir) throws Exception {
        Path keyStore = dir.resolve("peers.p12");
        Path certificate = dir.resolve("peers.pem");
        keytool("-genkeypair", "-alias", "peers", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=peers",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "peers", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        String[] tls = {
                "--server.ssl.bundle=chunks",
                "--spring.ssl.bundle.jks.chunks.keystore.location=file:" + keyStore,
                "--spring.ssl.bundle.jks.chunks.keystore.password=" + PASSWORD,
                "--spring.ssl.bundle.jks.chunks.keystore.type=PKCS12",
                "--p2p.agent.trust-certificate=" + certificate};

        TrackerApi tracker = new TrackerApi(trackerProcess.url());
        String suffix = Long.toString(System.nanoTime() % 1_000_000_000L);
        String group = "tls-" + suffix;
        SessionToken alice = tracker.newUser("tls-alice-" + suffix);
        SessionToken bob = tracker.newUser("tls-bob-" + suffix);
        tracker.createGroup(alice, group);
        byte[] bytes = new byte[3 * Manifest.CHUNK_SIZE - 11];
        new Random(7).nextBytes(bytes);
        Path original = Files.write(dir.resolve("secret plans.bin"), bytes);
        Path downloads = Files.createDirectories(dir.resolve("downloads"));

        try (TestAgent seeder = TestAgent.start(dir.resolve("alice/.p2p"), "tls-alice-" + suffix, alice, tracker.url(), tls);
             TestAgent leecher = TestAgent.start(dir.resolve("bob/.p2p"), "tls-bob-" + suffix, bob, tracker.url(), tls)) {
            assertThat(seeder.endpoint().chunkUrl()).startsWith("https://127.0.0.1:");
            assertThat(seeder.endpoint().controlUrl()).startsWith("http://127.0.0.1:");
            assertThat(leecher.status().username()).isEqualTo("tls-bob-" + suffix); // the control API over plain http

            ShareInfo shared = seeder.share(original, group);
            DownloadInfo started = leecher.download(group, original.getFileName().toString(), downloads);
            leecher.awaitComplete(started.id(), Duration.ofSeconds(90));
            assertThat(Files.mismatch(original, downloads.resolve(original.getFileName()))).isEqualTo(-1L);

            // Without the certificate, nothing: the handshake fails before any request is read.
            OkHttpClient untrusting = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5)).build();
            Request bitfield = new Request.Builder().url(seeder.endpoint().chunkUrl() + "/chunks/" + shared.sha256()).build();
            assertThatThrownBy(() -> {
                try (Response ignored = untrusting.newCall(bitfield).execute()) {
                    // never reached
                }
            }).isInstanceOf(SSLHandshakeException.class);
            untrusting.dispatcher().executorService().shutdown();
            untrusting.connectionPool().evictAll();
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool failed: " + output);
        }
    }
}
