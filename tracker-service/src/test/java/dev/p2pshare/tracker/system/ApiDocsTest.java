package dev.p2pshare.tracker.system;

import dev.p2pshare.shared.Names;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
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
        assertThat(operations).isEqualTo(28);
    }

    @Test
    void everySchemaFieldIsDescribedWithARealisticExample() {
        JsonNode api = api().get("/v3/api-docs", null).json();
        List<String> undescribed = new ArrayList<>();
        List<String> withoutExample = new ArrayList<>();
        for (Map.Entry<String, JsonNode> schema : api.at("/components/schemas").properties()) {
            for (Map.Entry<String, JsonNode> property : schema.getValue().get("properties").properties()) {
                String name = schema.getKey() + "." + property.getKey();
                JsonNode field = property.getValue();
                if (field.path("description").asString("").isBlank()) undescribed.add(name);
                boolean nested = field.has("$ref") || field.path("items").has("$ref");
                JsonNode sample = field.has("items") ? field.get("items") : field; // an array shows its items' example
                if (!nested && !sample.has("example") && !sample.has("examples")) withoutExample.add(name);
            }
        }
        assertThat(undescribed).as("schema properties without a description").isEmpty();
        assertThat(withoutExample).as("schema properties without an example").isEmpty();
        assertThat(placeholderExamples(api, "")).as("examples that are only a type name").isEmpty();
        assertThat(api.at("/components/schemas/Credentials/properties/username/pattern").asString()).isEqualTo(Names.REGEX);
        assertThat(api.at("/components/schemas/Manifest/properties/sha256/example").asString()).matches("[0-9a-f]{64}");
        assertThat(api.at("/components/schemas/PeerHolding/properties/chunks/description").asString())
                .as("the bitfield encoding is explained").contains("Base64").contains("most significant bit of byte 0 first");
    }

    /** Paths of every example that says "string" (springdoc's placeholder) instead of a real value. */
    private static List<String> placeholderExamples(JsonNode node, String path) {
        List<String> found = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                boolean example = field.getKey().equals("example") || field.getKey().equals("examples");
                if (example && field.getValue().toString().contains("\"string\"")) found.add(path + "/" + field.getKey());
                found.addAll(placeholderExamples(field.getValue(), path + "/" + field.getKey()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) found.addAll(placeholderExamples(node.get(i), path + "/" + i));
        }
        return found;
    }

    @Test
    void tagsComeInTheOrderAUserMeetsThem() {
        JsonNode tags = api().get("/v3/api-docs", null).json().get("tags");
        List<String> names = new ArrayList<>();
        tags.forEach(tag -> {
            names.add(tag.get("name").asString());
            assertThat(tag.path("description").asString("")).as(tag.get("name").asString()).isNotBlank();
        });
        assertThat(names).startsWith("users", "sessions", "groups", "files", "peers", "grants");
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
