package dev.p2pshare.tracker.system;

import dev.p2pshare.shared.TrustedCertificates;
import dev.p2pshare.shared.testing.TestCertificate;
import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.tracker.TestDatabase;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The tracker serving HTTPS by configuration alone (a Spring Boot PEM SSL bundle), with a certificate the
 * test makes: clients that trust it talk to the tracker, clients that do not are refused in the handshake.
 */
class HttpsTest {
    @TempDir
    static Path dir;
    private static TestCertificate certificate;
    private static TrackerInstance tracker;

    @BeforeAll
    static void startHttpsTracker() throws Exception {
        assumeFalse(TestDatabase.POSTGRES, "transport security does not depend on the database: H2 run only");
        certificate = TestCertificate.create(dir, "tracker");
        tracker = TrackerInstance.start(TestDatabase.fresh(), certificate.serverProperties("tracker").toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (tracker != null) tracker.close();
    }

    @Test
    void aClientTrustingOnlyTheTrackersCertificateUsesTheApiOverHttps() throws Exception {
        HttpClient client = client(certificate.trustingOnlyThis());
        String name = TrackerClient.uniqueName("tls");
        String credentials = TrackerClient.JSON.writeValueAsString(new Credentials(name, TrackerClient.PASSWORD));
        for (String host : new String[]{"127.0.0.1", "localhost"}) {
            HttpResponse<String> registered = client.send(post(host, "/api/users", credentials), HttpResponse.BodyHandlers.ofString());
            assertThat(registered.statusCode()).as(registered.body()).isIn(201, 409);
            assertThat(registered.sslSession()).isPresent();
            assertThat(registered.sslSession().get().getPeerCertificates()[0]).isEqualTo(certificate.x509());
        }
        HttpResponse<String> login = client.send(post("localhost", "/api/sessions", credentials), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(201);
        String token = TrackerClient.JSON.readTree(login.body()).get("token").asString();
        HttpResponse<String> me = client.send(HttpRequest.newBuilder(url("localhost", "/api/users/me"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains(name);
    }

    /** The way agents and the CLI trust a configured certificate: on top of the platform's CAs. */
    @Test
    void theTrustThatAgentsAndTheCliConfigureAcceptsTheTracker() throws Exception {
        SSLContext configured = TrustedCertificates.sslContext(TrustedCertificates.trustManager(certificate.certificate()));
        HttpResponse<String> health = client(configured).send(
                HttpRequest.newBuilder(url("127.0.0.1", "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void clientsThatDoNotTrustTheCertificateAreRefused() throws Exception {
        HttpRequest health = HttpRequest.newBuilder(url("localhost", "/actuator/health")).build();
        // The platform's CAs alone do not vouch for a self-signed certificate...
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> plain.send(health, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
        // ...nor does another certificate of the same name.
        TestCertificate impostor = TestCertificate.create(dir, "impostor");
        assertThatThrownBy(() -> client(impostor.trustingOnlyThis()).send(health, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpOnTheHttpsPortServesNothing() throws Exception {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tracker.port() + "/api/keys"))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> answer = plain.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.body()).doesNotContain("\"keys\"");
        } catch (IOException refused) {
            // Tomcat may also just close the connection
        }
    }

    private static HttpClient client(SSLContext tls) {
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpRequest post(String host, String path, String json) {
        return HttpRequest.newBuilder(url(host, path)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static URI url(String host, String path) {
        return URI.create("https://" + host + ":" + tracker.port() + path);
    }
}
