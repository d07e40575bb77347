package dev.p2pshare.agent.control;

import dev.p2pshare.agent.RawHttp;
import dev.p2pshare.agent.RealTracker;
import dev.p2pshare.agent.TestAgent;
import dev.p2pshare.agent.TrackerApi;
import dev.p2pshare.agent.TrackerProcess;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.ShareInfo;
import dev.p2pshare.shared.tracker.SessionToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throws thousands of hostile requests (seeded: {@code -Dp2p.fuzz.seed=N} repeats a run) at both listeners of a
 * running agent, with and without the control secret and with real, forged and garbled grants: whatever the
 * method, path, query, content type or body, the answer is never a 5xx, an error is problem+json, and no body
 * shows internals (exception names, stack frames, SQL, server HTML pages).
 */
@ExtendWith(RealTracker.class)
class ListenerFuzzTest {
    private static final long SEED = Long.getLong("p2p.fuzz.seed", 20261129L);
    private static final int MAX_REQUESTS = 6000;
    private static final Duration TIME_LIMIT = Duration.ofSeconds(35);
    private static final String GROUP = "fuzz";
    /** Class names (FooException, BarError), stack frames, packages, SQL and server error pages. */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\b[A-Z]\\w*(Exception|Error)\\b|\\.java:\\d|\\bat (java|jakarta|org|dev|com|tools)\\.|org\\.springframework"
                    + "|org\\.apache|jakarta\\.|java\\.(lang|io|nio|util)\\.|tools\\.jackson|com\\.fasterxml|\\bSQL\\b"
                    + "|(?i:\\bselect\\b.*\\bfrom\\b|<html|<!doctype|apache tomcat)");

    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "POST", "PUT", "DELETE", "PATCH", "HEAD",
            "OPTIONS", "TRACE", "PROPFIND", "get", "CONNECT", "X-HOSTILE"};
    private static final String[] CONTENT_TYPES = {null, "application/json", "application/json", "text/plain",
            "application/xml", "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x",
            "application/json; charset=bogus", "application/problem+json", "*/*", "garbage", "application/octet-stream",
            "text/html; charset=utf-16", "application/json;;;"};
    private static final String[] ACCEPTS = {null, null, "*/*", "application/json", "text/html", "application/xml",
            "image/png", "garbage", "application/problem+json"};
    /** Values that fit in a request target as they are. */
    private static final String[] RAW_VALUES = {"", ".", "..", "%2e%2e", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%00", "%", "%zz",
            "%ff%fe", "%c0%ae", "-1", "0", "1", "2147483648", "99999999999999999999", "1e3", "0x1", "+1", "NaN", "null",
            "true", "[]", "{}", "'", "\"", "';DROP_TABLE_users;--", "${jndi:ldap://127.0.0.1/a}", "%24%7Bx%7D", "a;b=c",
            "a%2Fb", "a%5Cb", "~", "*", "a:b", "@", "!", "$", "&", "=", "%20", "%0d%0aSet-Cookie:x", "%e2%80%ae",
            "%ef%bb%bf", "con", "nul", "AUX"};
    /** Values that must be percent-encoded to be sent (or are sent raw once in a while, breaking the request line). */
    private static final String[] ENCODED_VALUES = {" ", "a b", "\u0000", "\u0007", "\r\n", "é", "日本", "\u202e",
            "\u200b", "{", "}", "|", "\\", "^", "`", "<script>", "\uD83D\uDE00", "?", "#", "/", "//", "../", "x".repeat(300),
            "y".repeat(9000)};
    private static final String[] QUERY_KEYS = {"index", "sha256", "grant", "access_token", "format", "sort", "page",
            "size", "_method", "debug", "trace", "x"};

    @TempDir
    Path dir;

    private Random random;
    private String secret;
    private String grant;
    private String sha256;
    private String downloadId;

    @Test
    void noHostileRequestGetsA5xxOrShowsInternals(TrackerProcess trackerProcess) throws Exception {
        TrackerApi tracker = new TrackerApi(trackerProcess.url());
        SessionToken alice = tracker.newUser("fuzz-alice");
        SessionToken bob = tracker.newUser("fuzz-bob");
        tracker.createGroup(alice, GROUP);
        try (TestAgent agent = TestAgent.start(dir.resolve("alice/.p2p"), "fuzz-alice", alice, tracker.url())) {
            Path file = Files.write(dir.resolve("f.bin"), new byte[Manifest.CHUNK_SIZE + 1000]);
            ShareInfo share = agent.share(file, GROUP);
            sha256 = share.sha256();
            grant = tracker.details(bob, GROUP, "f.bin").grant();
            secret = agent.secret();
            downloadId = agent.download(GROUP, "f.bin", dir.resolve("copy.bin")).id();
            int chunkPort = URI.create(agent.endpoint().chunkUrl()).getPort();
            int controlPort = URI.create(agent.endpoint().controlUrl()).getPort();

            random = new Random(SEED);
            List<String> failures = new ArrayList<>();
            long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
            int sent = 0;
            while (sent < MAX_REQUESTS && System.nanoTime() < deadline && failures.size() < 40) {
                boolean control = random.nextBoolean();
                Request request = control ? controlRequest() : chunkRequest();
                RawHttp.Reply reply;
                try {
                    reply = RawHttp.send(control ? controlPort : chunkPort, request.method, request.target, request.headers,
                            request.body);
                } catch (IOException e) {
                    failures.add(request + " -> no answer: " + e.getMessage());
                    continue;
                } finally {
                    sent++;
                }
                String problem = check(request, reply);
                if (problem != null) failures.add(request + " -> " + reply.status() + " " + problem + ": " + excerpt(reply.text()));
            }

            assertThat(failures).as("seed " + SEED + ", " + sent + " requests").isEmpty();
            assertThat(sent).as("requests sent in " + TIME_LIMIT.toSeconds() + " s").isGreaterThanOrEqualTo(1000);
            assertThat(agent.status().username()).as("the agent still answers").isEqualTo("fuzz-alice");
            assertThat(agent.share(file, GROUP).sha256()).as("the real share is unharmed").isEqualTo(sha256);
        }
    }

    /** What is wrong with {@code reply}, or null when it is a proper answer. */
    private static String check(Request request, RawHttp.Reply reply) {
        if (reply.status() >= 500) return "a 5xx";
        String type = reply.header("Content-Type");
        boolean binary = type != null && type.startsWith("application/octet-stream");
        boolean metrics = reply.status() == 200 && request.target.startsWith("/actuator/prometheus"); // the owner's own
        if (!binary && !metrics && INTERNALS.matcher(reply.text()).find()) return "internals in the body";
        if (reply.status() < 400 || request.method.equals("HEAD")) return null;
        if (type == null || !type.startsWith("application/problem+json")) return "an error that is not problem+json (" + type + ")";
        try {
            JsonNode body = TrackerApi.JSON.readTree(reply.body());
            if (body.path("status").asInt() != reply.status()) return "a problem whose status is not the answer's";
            if (body.path("detail").asString("").isBlank() && body.path("title").asString("").isBlank()) return "an empty problem";
        } catch (RuntimeException e) {
            return "a problem body that is not JSON";
        }
        return null;
    }

    private static String excerpt(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private Request controlRequest() {
        String path = pick(
                "/control/status", "/control/logout", "/control/shares", "/control/shares/{group}/{file}", "/control/hashing",
                "/control/downloads", "/control/downloads/{id}", "/control/downloads/{id}/pause", "/control/{x}",
                "/control/downloads/{id}/{x}", "/control/limits", "/control/limits/downloads/{id}", "/actuator/health",
                "/actuator/prometheus", "/actuator/{x}", "/{x}", "/chunks/{sha}/{index}", "/control/../chunks/{sha}/0", "/control/%2e%2e/chunks/{sha}/0", "//control/status",
                "/control/status/", "/CONTROL/status", "/control;x=1/status");
        String authorization = pick(null, "Bearer " + secret, "Bearer " + secret, "Bearer " + secret, "Bearer wrong", secret,
                "bearer " + secret, "Bearer " + secret + "x", "Bearer  " + secret, "Basic ZnV6ejpmdXp6", "Bearer " + grant,
                "Bearer " + "A".repeat(5000), "Bearer");
        String method = pick(METHODS);
        boolean stopsTheAgent = path.equals("/control/logout") && method.equals("POST");
        boolean stopsTheShare = path.equals("/control/shares/{group}/{file}") && method.equals("DELETE");
        if ((stopsTheAgent || stopsTheShare) && authorization != null && authorization.equals("Bearer " + secret)) {
            authorization = "Bearer wrong"; // everything else may happen; the agent and its share must stay for the run
        }
        return request(method, path, authorization, controlBody());
    }

    private Request chunkRequest() {
        String path = pick("/chunks/{sha}", "/chunks/{sha}/{index}", "/chunks/{sha}/{index}", "/chunks/{sha}/{index}",
                "/chunks/{x}", "/chunks/{x}/{index}", "/chunks", "/chunks/", "/chunks/{sha}/{index}/{x}", "/control/status",
                "/actuator/health", "/{x}", "/chunks/{sha}/../../control/status", "/chunks/%2e%2e/control/status",
                "/chunks;jsessionid=1/{sha}/0", "/chunks//{sha}/0");
        String forged = grant.substring(0, grant.length() - 3) + (grant.endsWith("AAA") ? "BBB" : "AAA");
        String[] parts = grant.split("\\.");
        String authorization = pick(null, "Bearer " + grant, "Bearer " + grant, "Bearer " + grant, "Bearer " + forged,
                "Bearer eyJhbGciOiJub25lIn0." + parts[1] + ".", "Bearer " + parts[0] + "." + parts[1],
                "Bearer " + parts[0] + ".e30." + parts[2], "Bearer a.b.c", "Bearer " + secret, grant, "Basic Zm9vOmJhcg==",
                "Bearer " + "x".repeat(8000), "Bearer ....", "Bearer %00");
        byte[] body = random.nextInt(5) == 0 ? controlBody() : null;
        return request(pick(METHODS), path, authorization, body);
    }

    private Request request(String method, String template, String authorization, byte[] body) {
        String target = template
                .replace("{sha}", random.nextInt(3) == 0 ? value() : sha256)
                .replace("{index}", random.nextInt(3) == 0 ? value() : pick("0", "1", "2", "-1", "00", "1 "))
                .replace("{group}", random.nextInt(3) == 0 ? value() : GROUP)
                .replace("{file}", random.nextInt(3) == 0 ? value() : "f.bin")
                .replace("{id}", random.nextInt(3) == 0 ? value() : downloadId)
                .replace("{x}", value());
        if (random.nextInt(4) == 0) target += query();
        Map<String, String> headers = new LinkedHashMap<>();
        if (authorization != null) headers.put("Authorization", authorization);
        String contentType = pick(CONTENT_TYPES);
        if (contentType != null && (body != null || random.nextInt(4) == 0)) headers.put("Content-Type", contentType);
        String accept = pick(ACCEPTS);
        if (accept != null) headers.put("Accept", accept);
        if (random.nextInt(20) == 0) headers.put("X-HTTP-Method-Override", pick(METHODS));
        if (random.nextInt(20) == 0) headers.put("Range", pick("bytes=0-10", "bytes=-1", "bytes=99999999-", "bytes=a-b"));
        if (random.nextInt(20) == 0) headers.put("Content-Encoding", pick("gzip", "br", "identity", "bogus"));
        if (body == null && random.nextInt(6) == 0) body = controlBody();
        return new Request(method, target, headers, body);
    }

    /** A hostile path segment: as it is, percent-encoded, or (rarely) raw where it breaks the request line. */
    private String value() {
        if (random.nextInt(3) > 0) return pick(RAW_VALUES);
        String value = pick(ENCODED_VALUES);
        return random.nextInt(25) == 0 && !value.contains("\r") ? value : URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private String query() {
        StringBuilder query = new StringBuilder("?");
        for (int i = random.nextInt(4); i >= 0; i--) {
            query.append(pick(QUERY_KEYS)).append(random.nextBoolean() ? "=" + value() : "").append(pick("&", "&&", ";"));
        }
        return query.toString();
    }

    private byte[] controlBody() {
        String path = pick(dir.resolve("f.bin").toString(), dir.toString(), dir.resolve("missing").toString(), "", "\u0000",
                "relative/nowhere.bin", dir + "/\u0000x", dir + "/" + "n".repeat(300), null);
        String dest = pick(dir.resolve("dl-" + random.nextInt(1000)).toString(), dir.toString(), dir + "/no/such/dir/x",
                "", "\u0000", "relative/../nowhere/x", dir + "/" + "d".repeat(300), null);
        String text = pick(
                "", "{", "}", "null", "[]", "{}", "\"x\"", "0", "1e99999", "-0", "true", "{\"a\":", "\uFEFF{}",
                "[".repeat(3000), "{\"a\":".repeat(2000), "{\"path\":1,\"group\":[]}", "{\"group\":{\"$ne\":1}}",
                share(path, pick(GROUP, "nope", "", "../x", "a b", "x".repeat(100))),
                share(path, GROUP),
                download(pick(GROUP, "nope", "", "\u202e"), pick("f.bin", "nope.bin", "", "..", "a/b", "\u0000"), dest),
                download(GROUP, "f.bin", dest),
                "{\"group\":\"fuzz\",\"fileName\":\"f.bin\",\"dest\":\"" + dir + "/o\",\"overwrite\":\"yes\",\"seed\":7}",
                "{\"path\":\"" + dir + "/f.bin\",\"group\":\"fuzz\",\"extra\":\"" + "z".repeat(20000) + "\"}",
                "path=/etc/passwd&group=fuzz", "<share><path>/etc/passwd</path></share>",
                "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n");
        if (random.nextInt(15) == 0) {
            byte[] noise = new byte[random.nextInt(2048)];
            random.nextBytes(noise);
            return noise;
        }
        return text.getBytes(random.nextInt(20) == 0 ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8);
    }

    private static String share(String path, String group) {
        return TrackerApi.JSON.writeValueAsString(mapOf("path", path, "group", group));
    }

    private static String download(String group, String fileName, String dest) {
        return TrackerApi.JSON.writeValueAsString(mapOf("group", group, "fileName", fileName, "dest", dest));
    }

    private static Map<String, Object> mapOf(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) map.put((String) pairs[i], pairs[i + 1]);
        return map;
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private record Request(String method, String target, Map<String, String> headers, byte[] body) {
        @Override
        public String toString() {
            String shown = body == null ? "" : " body " + excerpt(new String(body, StandardCharsets.UTF_8)).replaceAll("(.{80}).*", "$1...");
            String targetShown = target.length() > 160 ? target.substring(0, 160) + "..." : target;
            return method + " " + targetShown + " " + headers.entrySet().stream()
                    .map(h -> h.getKey() + "=" + (h.getValue().length() > 40 ? h.getValue().substring(0, 40) + "..." : h.getValue()))
                    .toList() + shown;
        }
    }
}
