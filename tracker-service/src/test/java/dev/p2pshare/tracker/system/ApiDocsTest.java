package dev.p2pshare.tracker.system;

import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocsTest extends TrackerTest {

    @Test
    void openApiDocumentsBearerAuthAndEveryErrorResponse() {
        TrackerClient.Response docs = api().get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        JsonNode api = docs.json();
        assertThat(api.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(api.at("/components/schemas/Problem").isObject()).isTrue();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                operations++;
                JsonNode responses = operation.getValue().get("responses");
                String name = operation.getKey() + " " + path.getKey();
                boolean open = operation.getValue().has("security") && operation.getValue().get("security").isEmpty();
                if (!open) assertThat(responses.has("401")).as(name + " documents 401").isTrue();
                responses.properties().forEach(response -> {
                    if (response.getKey().startsWith("4")) {
                        assertThat(response.getValue().at("/content/application~1problem+json").isObject())
                                .as(name + " " + response.getKey() + " is problem+json").isTrue();
                    }
                });
                assertThat(responses.properties()).as(name).anyMatch(r -> r.getKey().startsWith("2"));
            }
        }
        assertThat(operations).isEqualTo(22);
    }

    @Test
    void swaggerUiHealthAndMetricsAreServed() {
        TrackerClient api = api();
        TrackerClient.Response ui = api.get("/swagger-ui.html", null);
        assertThat(ui.status()).isIn(200, 302);
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
        TrackerClient.Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/prometheus", null).body()).contains("jvm_memory_used_bytes");
    }
}
