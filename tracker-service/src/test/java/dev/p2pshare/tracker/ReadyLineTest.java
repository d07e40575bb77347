package dev.p2pshare.tracker;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** The one console line bin/tracker prints once the tracker serves. */
class ReadyLineTest {

    @Test
    void namesTheAddressItListensOnAndTheSwaggerUi() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.address", "127.0.0.1")
                .withProperty("server.port", "0").withProperty("local.server.port", "43210");

        assertThat(TrackerApplication.ReadyLine.text(environment))
                .isEqualTo("tracker ready at http://127.0.0.1:43210 (Swagger UI: http://127.0.0.1:43210/swagger-ui.html)");
    }

    @Test
    void everyAddressReadsAsLocalhostAndIpv6GetsBrackets() {
        assertThat(TrackerApplication.ReadyLine.baseUrl(new MockEnvironment().withProperty("server.port", "9000")))
                .isEqualTo("http://localhost:9000");
        assertThat(TrackerApplication.ReadyLine.baseUrl(new MockEnvironment().withProperty("server.address", "0.0.0.0")
                .withProperty("local.server.port", "9000"))).isEqualTo("http://localhost:9000");
        assertThat(TrackerApplication.ReadyLine.baseUrl(new MockEnvironment().withProperty("server.address", "::1")
                .withProperty("local.server.port", "9000"))).isEqualTo("http://[::1]:9000");
    }

    @Test
    void aTlsListenerIsHttps() {
        assertThat(TrackerApplication.ReadyLine.baseUrl(new MockEnvironment().withProperty("server.ssl.bundle", "tracker")
                .withProperty("local.server.port", "9443"))).isEqualTo("https://localhost:9443");
    }
}
