package dev.p2pshare.tracker;

import dev.p2pshare.shared.Hex;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.ManifestFile;
import dev.p2pshare.shared.tracker.CreateGroup;
import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.shared.tracker.FileDetails;
import dev.p2pshare.shared.tracker.Grants;
import dev.p2pshare.shared.tracker.PeerAnnouncement;
import dev.p2pshare.shared.tracker.SessionToken;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Talks to a running tracker over real HTTP, the way agents and the CLI do. */
public final class TrackerClient {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String PASSWORD = "pass123";

    private final String base;

    public TrackerClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String base() {
        return base;
    }

    /** An answer: status, headers and body text; {@link #json()} and {@link #as} read the body. */
    public record Response(int status, HttpHeaders headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public <T> T as(Class<T> type) {
            return JSON.readValue(body, type);
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        /** Asserts an RFC 9457 problem of this status with a one-line detail, and returns the detail. */
        public String problem(int expected) {
            assertThat(status).as("status of " + body).isEqualTo(expected);
            assertThat(contentType()).startsWith("application/problem+json");
            JsonNode node = json();
            assertThat(node.get("status").asInt()).isEqualTo(expected);
            String detail = node.get("detail").asString();
            assertThat(detail).isNotBlank().doesNotContain("\n").doesNotContain("Exception");
            return detail;
        }
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    public Response put(String path, String token, Object body) {
        return send("PUT", path, token, body);
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    public Response send(String method, String path, String token, Object body) {
        String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        return sendRaw(method, path, token, text == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(text));
    }

    public Response sendRaw(String method, String path, String token, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body);
        if (token != null) request.header("Authorization", "Bearer " + token);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code request} as it is over a socket (no client library smoothing it), from the local address
     * {@code from} (any loopback address, e.g. 127.0.0.2, to play another client; null for the default),
     * and reads the answer.
     */
    public Response raw(InetAddress from, String request) throws IOException {
        int port = URI.create(base).getPort();
        try (Socket socket = new Socket()) {
            if (from != null) socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int headerEnd = answer.indexOf("\r\n\r\n");
            String head = headerEnd < 0 ? answer : answer.substring(0, headerEnd);
            String body = headerEnd < 0 ? "" : answer.substring(headerEnd + 4);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            boolean chunked = false;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                String name = lines[i].substring(0, colon).trim();
                String value = lines[i].substring(colon + 1).trim();
                headers.put(name, List.of(value));
                if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) chunked = true;
            }
            if (chunked) body = dechunk(body);
            body = new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            return new Response(status, HttpHeaders.of(headers, (a, b) -> true), body);
        }
    }

    /** POSTs {@code json} to {@code path} from the local address {@code from}, without a session. */
    public Response postFrom(InetAddress from, String path, Object json) throws IOException {
        byte[] body = (json instanceof String s ? s : JSON.writeValueAsString(json)).getBytes(StandardCharsets.UTF_8);
        return raw(from, "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n" + new String(body, StandardCharsets.ISO_8859_1));
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) break;
            int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
            if (size == 0) break;
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }

    /** Checks grants the way an agent does: against this tracker's JWK Set, for ES256. */
    public JwtDecoder grantDecoder() {
        return NimbusJwtDecoder.withJwkSetUri(base + Grants.JWKS_PATH).jwsAlgorithm(SignatureAlgorithm.ES256).build();
    }

    // ---- building blocks of the scenarios ----

    /** A name no other test uses. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
    }

    public static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A registered, logged-in user. */
    public record User(String name, String token) {
    }

    public User newUser() {
        String name = uniqueName("user");
        assertThat(post("/api/users", null, new Credentials(name, PASSWORD)).status()).isEqualTo(201);
        return new User(name, login(name));
    }

    public String login(String name) {
        Response response = post("/api/sessions", null, new Credentials(name, PASSWORD));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.as(SessionToken.class).token();
    }

    public String newGroup(User owner, boolean isPrivate) {
        String name = uniqueName(isPrivate ? "private" : "open");
        Response response = post("/api/groups", owner.token(), new CreateGroup(name, isPrivate));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return name;
    }

    public void join(User user, String group) {
        Response response = post("/api/groups/" + group + "/join-requests", user.token(), null);
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    public void announce(User user) {
        Response response = put("/api/peers/me", user.token(), new PeerAnnouncement(peerUrl(user)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** The chunk-server origin {@link #announce} announces for {@code user}: one of its own. */
    public static String peerUrl(User user) {
        return "http://" + user.name() + ".peers.test:7000";
    }

    public Response share(User user, String group, Manifest manifest) {
        return post("/api/groups/" + group + "/files", user.token(), manifest);
    }

    /** A new group of {@code owner}'s in which {@code owner} shares {@code file}. */
    public String groupSharing(User owner, boolean isPrivate, Manifest file) {
        String group = newGroup(owner, isPrivate);
        Response response = share(owner, group, file);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return group;
    }

    /** {@code user} asks to join {@code owner}'s private group and is accepted: a member. */
    public void admit(User owner, String group, User user) {
        join(user, group);
        Response response = accept(owner, group, user);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    public Response accept(User owner, String group, User requester) {
        return post("/api/groups/" + group + "/join-requests/" + requester.name() + "/accept", owner.token(), null);
    }

    public FileDetails details(User caller, String group, String fileName) {
        Response response = get(filePath(group, fileName), caller.token());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.as(FileDetails.class);
    }

    public static String filesPath(String group) {
        return "/api/groups/" + group + "/files";
    }

    public static String filePath(String group, String fileName) {
        return filesPath(group) + "/" + segment(fileName);
    }

    /** A consistent manifest of random hashes for a file of {@code size} bytes. */
    public static Manifest manifest(String name, long size) {
        int count = Manifest.chunkCount(size, Manifest.CHUNK_SIZE);
        List<String> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) chunks.add(randomHash());
        return new Manifest(name, size, Manifest.CHUNK_SIZE, randomHash(), chunks);
    }

    /**
     * A consistent folder manifest of random hashes: a file of {@code fileSize} bytes at each of {@code paths} (given
     * in path order), and {@code emptyFolders}.
     */
    public static Manifest folder(String name, List<String> paths, long fileSize, List<String> emptyFolders) {
        List<ManifestFile> files = new ArrayList<>(paths.size());
        for (String path : paths) files.add(new ManifestFile(path, fileSize, randomHash()));
        int count = Manifest.chunkCount(fileSize * paths.size(), Manifest.CHUNK_SIZE);
        List<String> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) chunks.add(randomHash());
        return Manifest.folder(name, files, emptyFolders, chunks);
    }

    public static String randomHash() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Hex.of(bytes);
    }
}
