package dev.p2pshare.tracker.system;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.tracker.TestDatabase;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.Response;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerInstance;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.p2pshare.tracker.TrackerClient.manifest;
import static dev.p2pshare.tracker.TrackerClient.segment;
import static dev.p2pshare.tracker.system.HostileInputPropertyTest.jsonString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A seeded fuzzer over the tracker's own OpenAPI document: every documented operation gets hostile path
 * values, queries, methods, content types, bodies and tokens, thousands of requests within a time bound.
 * Whatever comes, the answer is below 500, an error is problem+json, and no body shows internals
 * (exception names, stack frames, SQL or driver messages). The seed is printed; {@code -Dp2p.fuzz.seed=N}
 * replays a run.
 */
class ApiFuzzTest {
    private static final int MAX_REQUESTS = 4_000;
    private static final Duration MAX_TIME = Duration.ofSeconds(45);
    private static final Pattern INTERNALS = Pattern.compile(
            "Exception|\\tat |at dev\\.|\\.java:\\d|org\\.hibernate|org\\.springframework|java\\.lang|SQLState|"
                    + "org\\.h2|org\\.postgresql|jdbc:|<html|<!doctype", Pattern.CASE_INSENSITIVE);
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "TRACE", "FOO");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-16",
            "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "multipart/form-data", "application/problem+json", "*/*", "garbage", "application/json; charset=nope", "");
    /** Values that break naive code (HostileInputPropertyTest's and a few more); none spells an internals word. */
    private static final List<String> HOSTILE = Stream.concat(HostileInputPropertyTest.META.stream(), Stream.of(
            "", "%", "%zz", "a/b", "-1", "0", "99999999999999999999", "1e999", "\u200B", "\n", "日本語", "zoë",
            "a".repeat(300), "~root", "*")).toList();
    private static final List<String> JSON_VALUES = List.of("null", "true", "false", "0", "-1", "1.5", "1e999",
            "-1e999", "99999999999999999999999999", "9223372036854775808", "\"\"", "[]", "{}", "[null]", "[[[[[]]]]]",
            "{\"a\":{\"b\":{\"c\":{}}}}", "\"\\u0000\"", "\"\\ud800\"", "\"" + "x".repeat(5000) + "\"");

    @Test
    void noOperationAnswersAServerErrorOrShowsInternals() throws Exception {
        assumeTrue(TestDatabase.available(), "PostgreSQL at 127.0.0.1:5432 is not reachable");
        long seed = Long.getLong("p2p.fuzz.seed", System.nanoTime());
        System.out.println("ApiFuzzTest seed " + seed + " (replay with -Dp2p.fuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        try (TrackerInstance tracker = TrackerInstance.start(TestDatabase.fresh(), "p2p.tracker.max-request-size=64KB")) {
            TrackerClient api = tracker.client();
            User alice = api.newUser();
            User bob = api.newUser();
            Manifest file = manifest("fuzz me.bin", 3_000_000);
            String group = api.groupSharing(alice, false, file);
            String privateGroup = api.newGroup(alice, true);
            api.join(bob, privateGroup);
            Map<String, List<String>> valid = Map.of(
                    "group", List.of(group, privateGroup, group.toUpperCase()),
                    "user", List.of(alice.name(), bob.name()),
                    "username", List.of(alice.name(), bob.name()),
                    "fileName", List.of(file.name()),
                    "sha256", List.of(file.sha256()));
            List<String> tokens = new ArrayList<>(List.of("Bearer " + alice.token(), "Bearer " + bob.token()));

            JsonNode docs = api.get("/v3/api-docs", null).json();
            List<Operation> operations = operations(docs);
            assertThat(operations).hasSizeGreaterThan(10);

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<String> failures = new ArrayList<>();
            long deadline = System.nanoTime() + MAX_TIME.toNanos();
            int sent = 0;
            while (sent < MAX_REQUESTS && System.nanoTime() < deadline && failures.size() < 20) {
                Operation operation = operations.get(random.nextInt(operations.size()));
                String method = random.nextInt(5) == 0 ? pick(random, METHODS) : operation.method();
                String path = path(random, operation, valid) + query(random);
                String contentType = random.nextInt(3) == 0 ? pick(random, CONTENT_TYPES) : "application/json";
                String body = body(random, operation, docs, valid);
                String authorization = authorization(random, tokens);
                Response response = send(http, api.base(), method, path, contentType, authorization, body);
                sent++;
                String problem = check(method, response);
                if (problem != null) {
                    failures.add(problem + ": " + method + " " + path + " [" + contentType + "] " + authorization
                            + " body " + abbreviate(body) + " -> " + response.status() + " " + response.contentType()
                            + " " + abbreviate(response.body()));
                }
            }
            System.out.println("ApiFuzzTest sent " + sent + " requests to " + operations.size() + " operations");
            assertThat(failures).as("seed " + seed).isEmpty();
            assertThat(sent).isGreaterThan(500);
        }
    }

    private record Operation(String method, String path, List<String> queryNames, String bodySchema) {
    }

    private static List<Operation> operations(JsonNode docs) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : docs.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                List<String> query = new ArrayList<>();
                JsonNode parameters = op.getValue().path("parameters");
                for (JsonNode parameter : parameters) {
                    if ("query".equals(parameter.path("in").asString())) query.add(parameter.path("name").asString());
                }
                String ref = op.getValue().at("/requestBody/content/application~1json/schema/$ref").asString("");
                operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), query,
                        ref.isEmpty() ? null : ref.substring(ref.lastIndexOf('/') + 1)));
            }
        }
        return operations;
    }

    /** The template's {names} filled with valid values or hostile ones, percent-encoded or not. */
    private static String path(Random random, Operation operation, Map<String, List<String>> valid) {
        StringBuilder out = new StringBuilder();
        String template = operation.path();
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                out.append(template, at, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            out.append(template, at, open);
            String name = template.substring(open + 1, close);
            String value = random.nextInt(3) == 0 && valid.containsKey(name) ? pick(random, valid.get(name))
                    : random.nextInt(4) == 0 ? randomText(random, 1 + random.nextInt(40)) : pick(random, HOSTILE);
            // Mostly well encoded; sometimes as it is, where the characters let a URL through at all.
            out.append(random.nextInt(4) == 0 && value.matches("[A-Za-z0-9._~!$&'()*+,;=:@-]+") ? value : segment(value));
            at = close + 1;
        }
        return out.toString();
    }

    private static String query(Random random) {
        if (random.nextInt(3) != 0) return "";
        String value = random.nextBoolean() ? pick(random, HOSTILE) : randomText(random, 20);
        return "?" + pick(random, List.of("name", "page", "size", "sort", "x", "private", "group")) + "=" + segment(value)
                + (random.nextBoolean() ? "&" + segment(pick(random, HOSTILE)) + "=" : "");
    }

    private static String body(Random random, Operation operation, JsonNode docs, Map<String, List<String>> valid) {
        switch (random.nextInt(8)) {
            case 0:
                return null;
            case 1:
                return pick(random, JSON_VALUES);
            case 2:
                return pick(random, List.of("{", "{\"a\":", "[1,", "{\"a\" 1}", "{'a':1}", "nul", "tru", "\"", "{}}",
                        "\u0000", "<a/>", "a=b&c=d", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--"));
            case 3:
                return randomText(random, random.nextInt(200));
            default:
                return object(random, operation, docs, valid);
        }
    }

    /** An object with the operation's own field names (and some others) holding any kind of value. */
    private static String object(Random random, Operation operation, JsonNode docs, Map<String, List<String>> valid) {
        List<String> fields = new ArrayList<>(List.of("name", "username", "password", "url", "private", "__proto__"));
        if (operation.bodySchema() != null) {
            JsonNode properties = docs.at("/components/schemas/" + operation.bodySchema() + "/properties");
            for (Map.Entry<String, JsonNode> field : properties.properties()) fields.add(0, field.getKey());
        }
        StringBuilder out = new StringBuilder("{");
        int count = random.nextInt(fields.size() + 1);
        for (int i = 0; i < count; i++) {
            if (i > 0) out.append(',');
            String field = fields.get(random.nextInt(Math.min(fields.size(), 6)));
            out.append(jsonString(field)).append(':');
            int kind = random.nextInt(4);
            if (kind == 0) out.append(pick(random, JSON_VALUES));
            else if (kind == 1 && valid.containsKey(field)) out.append(jsonString(pick(random, valid.get(field))));
            else if (kind == 2) out.append(jsonString(randomText(random, random.nextInt(80))));
            else out.append(jsonString(pick(random, HOSTILE)));
        }
        return out.append('}').toString();
    }

    private static String authorization(Random random, List<String> tokens) {
        return switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> "Bearer";
            case 2 -> "Bearer " + randomToken(random);
            case 3 -> "Basic YWxpY2U6c2VjcmV0";
            case 4 -> "Bearer " + "A".repeat(4000);
            case 5 -> "Bearer a.b.c";
            default -> pick(random, tokens);
        };
    }

    private static Response send(HttpClient http, String base, String method, String path, String contentType,
                                 String authorization, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (!contentType.isEmpty()) request.header("Content-Type", contentType);
        if (authorization != null) request.header("Authorization", authorization);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers(), response.body());
    }

    /** What is wrong with an answer, or null. */
    private static String check(String method, Response response) {
        if (response.status() >= 500) return "server error";
        if (INTERNALS.matcher(response.body()).find()) return "internals shown";
        if (response.status() >= 400 && !method.equals("HEAD")
                && !response.contentType().startsWith("application/problem+json")) {
            return "error is not problem+json";
        }
        return null;
    }

    private static String randomToken(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Any code points but surrogates (which have no UTF-8 form): controls, format characters, emoji, CJK. */
    private static String randomText(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x80);
                case 1 -> 0x80 + random.nextInt(0x2000);
                case 2 -> 0x1F300 + random.nextInt(0x300);
                default -> 0x2000 + random.nextInt(0x6000);
            };
            if (Character.isSurrogate((char) cp) && cp < 0x10000) cp = 'x';
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviate(String s) {
        if (s == null) return "(none)";
        String one = s.replace("\n", "\\n").replace("\r", "\\r");
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }
}
