package dev.p2pshare.tracker.system;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.Response;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.p2pshare.tracker.TrackerClient.filePath;
import static dev.p2pshare.tracker.TrackerClient.filesPath;
import static dev.p2pshare.tracker.TrackerClient.manifest;
import static dev.p2pshare.tracker.TrackerClient.randomHash;
import static dev.p2pshare.tracker.system.HostileInputPropertyTest.assertOnlyClientError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input, case by case (the random side is HostileInputPropertyTest): every answer is a 4xx
 * problem+json with a one-line detail, never a 500, a stack trace or an HTML page, and nothing is stored.
 * ErrorHandlingTest has the plain cases (malformed JSON, 405, 404, 413).
 */
class HostileInputTest extends TrackerTest {

    @Test
    void missingFieldsAreBadRequestsOnEveryEndpoint() {
        TrackerClient api = api();
        User alice = api.newUser();
        Manifest file = manifest("present.bin", 10);
        String group = api.groupSharing(alice, false, file);
        Map<String, String> endpoints = Map.of(
                "POST /api/users", "name", "POST /api/sessions", "name", "POST /api/groups", "name",
                "POST " + filesPath(group), "manifest", "PUT " + filePath(group, file.name()) + "/seeders/me", "sha256",
                "PUT /api/peers/me", "url");
        for (var endpoint : endpoints.entrySet()) {
            String[] call = endpoint.getKey().split(" ");
            for (String body : List.of("{}", "{\"unexpected\": 1}")) {
                assertThat(api.send(call[0], call[1], alice.token(), body).problem(400))
                        .as(endpoint.getKey() + " " + body).containsAnyOf(endpoint.getValue(), "not the expected JSON");
            }
            assertThat(api.send(call[0], call[1], alice.token(), "null").problem(400)).contains("body");
        }
    }

    @Test
    void wrongTypesAreBadRequests() {
        TrackerClient api = api();
        User alice = api.newUser();
        String group = api.newGroup(alice, false);
        String h = randomHash();
        List<String> manifests = List.of(
                "{\"name\":\"a\",\"size\":1e400,\"chunkSize\":524288,\"sha256\":\"" + h + "\",\"chunks\":[\"" + h + "\"]}",
                "{\"name\":\"a\",\"size\":9223372036854775808,\"chunkSize\":524288,\"sha256\":\"" + h + "\",\"chunks\":[]}",
                "{\"name\":\"a\",\"size\":10,\"chunkSize\":\"big\",\"sha256\":\"" + h + "\",\"chunks\":[\"" + h + "\"]}",
                "{\"name\":\"a\",\"size\":10,\"chunkSize\":524288,\"sha256\":\"" + h + "\",\"chunks\":\"" + h + "\"}",
                "{\"name\":[\"a\"],\"size\":10,\"chunkSize\":524288,\"sha256\":\"" + h + "\",\"chunks\":[\"" + h + "\"]}",
                "{\"name\":\"a\",\"size\":10,\"chunkSize\":524288,\"sha256\":{\"x\":1},\"chunks\":[\"" + h + "\"]}",
                "{\"name\":\"a\",\"size\":10,\"chunkSize\":524288,\"sha256\":\"" + h + "\",\"chunks\":[1,2,3]}");
        for (String body : manifests) {
            assertThat(api.post(filesPath(group), alice.token(), body).problem(400)).as(body).isNotBlank();
        }
        assertThat(api.post("/api/users", null, "{\"username\":[\"a\"],\"password\":{}}").problem(400)).isNotBlank();
        assertThat(api.post("/api/sessions", null, "{\"username\":{\"$ne\":null},\"password\":{\"$ne\":null}}").problem(400))
                .isNotBlank();
        assertThat(api.put("/api/peers/me", alice.token(), "{\"url\":42}").problem(400)).contains("url");
        assertThat(api.get(filesPath(group), alice.token()).json()).isEmpty();
    }

    @Test
    void hugeAndDeepBodiesWithinTheSizeLimitAreRefusedCheaply() {
        TrackerClient api = api();
        User alice = api.newUser();
        assertThat(api.post("/api/groups", alice.token(), "[".repeat(200_000)).problem(400)).isNotBlank();
        assertThat(api.post("/api/groups", alice.token(), "{\"a\":".repeat(100_000)).problem(400)).isNotBlank();
        String longName = "a".repeat(900_000);
        assertThat(api.post("/api/groups", alice.token(), Map.of("name", longName)).problem(400)).contains("name")
                .hasSizeLessThan(200);
        assertThat(api.post("/api/users", null, new Credentials("long-password", "p".repeat(900_000))).problem(400))
                .contains("password");
        // The size limit holds before authentication too.
        byte[] big = new byte[2 * 1024 * 1024];
        assertThat(api.sendRaw("POST", "/api/users", null, HttpRequest.BodyPublishers.ofByteArray(big)).problem(413))
                .contains("larger");
    }

    @Test
    void namesFullOfSqlAndScriptAreRefusedOrStoredAsPlainText() {
        TrackerClient api = api();
        User alice = api.newUser();
        String group = api.newGroup(alice, false);
        for (String name : List.of("x' OR '1'='1", "a\"; DROP TABLE users; --", "<script>alert(1)</script>", "..", ".")) {
            assertThat(api.post("/api/users", null, new Credentials(name, "pass123")).problem(400)).contains("name");
            assertThat(api.post("/api/groups", alice.token(), Map.of("name", name)).problem(400)).contains("name");
        }
        // File names may hold almost anything: they are stored and answered as data, never interpreted.
        for (String name : List.of("x'; DROP TABLE shared_files;--", "<img src=x onerror=alert('x')>.html",
                "%s%n%x", "${jndi:ldap:evil}", "…", "Ω≈ç√∫˜µ≤≥÷", "👩‍👩‍👧 family.jpg", "photo (1).jpg")) {
            Manifest file = manifest(name, 10);
            assertThat(api.share(alice, group, file).status()).as(name).isEqualTo(201);
            assertThat(api.details(alice, group, name).manifest()).isEqualTo(file);
        }
        assertThat(api.get(filesPath(group), alice.token()).json()).hasSize(8);
        Response unknown = api.get(filePath(group, "<img src=x onerror=alert(1)>"), alice.token());
        assertThat(unknown.problem(404)).contains("no file");
        assertThat(unknown.contentType()).doesNotContain("html");
    }

    @Test
    void nonAsciiAndOverlongNamesAreChecked() {
        TrackerClient api = api();
        User alice = api.newUser();
        String group = api.newGroup(alice, false);
        for (String name : List.of("zoë", "日本", "a".repeat(65), "a b", "tab\tname", "")) {
            assertThat(api.post("/api/groups", alice.token(), Map.of("name", name)).problem(400)).contains("name");
        }
        assertThat(api.share(alice, group, manifest("é".repeat(127), 1)).status()).isEqualTo(201);
        assertThat(api.share(alice, group, manifest("é".repeat(128), 1)).problem(400)).contains("manifest");
        // A lone surrogate has no UTF-8 form; sent as a JSON escape it reaches the tracker as it is.
        String h = randomHash();
        String escaped = "{\"name\":\"bad\\ud800name\",\"size\":1,\"chunkSize\":524288,\"sha256\":\"" + h
                + "\",\"chunks\":[\"" + h + "\"]}";
        assertThat(api.post(filesPath(group), alice.token(), escaped).problem(400)).contains("manifest");
        // Invalid UTF-8 bytes are a bad body, not a crash.
        byte[] invalid = "{\"name\":\"\u00ff\u00fe\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertOnlyClientError(api.sendRaw("POST", "/api/groups", alice.token(), HttpRequest.BodyPublishers.ofByteArray(invalid)));
    }

    @Test
    void unknownMethodsAndPathsAreClientErrors() {
        TrackerClient api = api();
        User alice = api.newUser();
        String group = api.newGroup(alice, false);
        for (String method : List.of("TRACE", "FOO", "PROPFIND", "PATCH")) {
            Response response = api.send(method, "/api/groups", alice.token(), null);
            assertOnlyClientError(response);
            assertThat(response.status()).as(method).isBetween(400, 499);
        }
        for (String path : List.of("/api/groups/" + group + "/files/a/b/c", "/api/../../etc/passwd", "/api//groups",
                "/api/groups/%2e%2e/files", "/WEB-INF/web.xml",
                "/actuator/env", "/actuator/heapdump")) {
            Response response = api.get(path, alice.token());
            assertOnlyClientError(response);
            assertThat(response.status()).as(path).isBetween(400, 499);
        }
    }

    @Test
    void hostileHeadersAreClientErrors() throws IOException {
        TrackerClient api = api();
        User alice = api.newUser();
        for (String authorization : List.of("Bearer " + "x".repeat(6000), "Basic YWxpY2U6cGFzcw==", "Bearer a b",
                "Bearer", "bearer " + alice.token() + "x", "Bearer ' OR 1=1 --")) {
            Response response = raw("GET /api/users/me HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(response.status()).as(authorization).isIn(400, 401);
            response.problem(response.status());
        }
        Response xml = api.sendRaw("POST", "/api/groups", alice.token(), HttpRequest.BodyPublishers.noBody());
        assertOnlyClientError(xml);
        // Query parameters nobody asked for are ignored, whatever they hold.
        assertThat(api.get("/api/groups?name=%00&x=%27%20OR%201=1", alice.token()).status()).isEqualTo(200);
        // Broken percent escapes, which no client library would send.
        for (String path : List.of("/api/groups/%", "/api/groups/%zz/files", "/api/groups/%C0%AE%C0%AE/files")) {
            Response response = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + alice.token()
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(response.status()).as(path).isBetween(400, 499);
            response.problem(response.status());
        }
        // A request line far beyond Tomcat's header limit is refused by Tomcat itself: still problem+json.
        Response huge = raw("GET /api/groups/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(huge.status()).isBetween(400, 499);
        assertThat(huge.contentType()).doesNotContain("html");
        // Content types other than JSON.
        Response form = raw("POST /api/groups HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + alice.token()
                + "\r\nContent-Type: application/xml\r\nContent-Length: 7\r\nConnection: close\r\n\r\n<a></a>");
        assertThat(form.problem(415)).isNotBlank();
    }

    /** Cases the API fuzzer (ApiFuzzTest) once found answering 500. */
    @Test
    void bodiesTheApiDoesNotReadAreClientErrors() throws IOException {
        TrackerClient api = api();
        User alice = api.newUser();
        for (String type : List.of("*/*", "multipart/form-data; boundary=x", "multipart/form-data",
                "application/x-www-form-urlencoded")) {
            for (String body : List.of("%zz=\u00e9", "\u65e5\u672c=1", "--x\r\nbroken", "{\"username\":\"a\"}")) {
                for (String path : List.of("/api/sessions", "/api/users", "/api/groups")) {
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    Response response = raw("POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + alice.token()
                            + "\r\nContent-Type: " + type + "\r\nContent-Length: " + bytes.length
                            + "\r\nConnection: close\r\n\r\n" + new String(bytes, StandardCharsets.ISO_8859_1));
                    assertOnlyClientError(response);
                    assertThat(response.status()).as(type + " " + body + " to " + path).isBetween(400, 499);
                }
            }
        }
        // A lone surrogate cannot be hashed: a bad password, not a crash.
        assertThat(api.post("/api/sessions", null, "{\"username\":\"" + alice.name() + "\",\"password\":\"ab\\ud800cdef\"}")
                .problem(400)).contains("password");
        assertThat(api.post("/api/users", null, "{\"username\":\"surrogate\",\"password\":\"ab\\ud800cdef\"}")
                .problem(400)).contains("password");
    }

    private Response raw(String request) throws IOException {
        return api().raw(null, request);
    }
}
