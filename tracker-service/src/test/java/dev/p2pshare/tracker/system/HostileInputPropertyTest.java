package dev.p2pshare.tracker.system;

import dev.p2pshare.shared.FileNames;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.Names;
import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.shared.tracker.FileDetails;
import dev.p2pshare.tracker.TestDatabase;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.Response;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerInstance;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.p2pshare.tracker.TrackerClient.filePath;
import static dev.p2pshare.tracker.TrackerClient.manifest;
import static dev.p2pshare.tracker.TrackerClient.segment;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based hostile input against one real tracker: whatever names and bodies are thrown at it, the
 * answer is a success exactly when the input is valid, and otherwise a 4xx problem+json, never a 500.
 * Tries are bounded so the whole class runs in seconds. Input checks do not depend on the database, so the
 * PostgreSQL run of the suite leaves this class out (tracker-service/pom.xml).
 */
@PropertyDefaults(tries = 200, shrinking = ShrinkingMode.BOUNDED)
class HostileInputPropertyTest {
    private static TrackerInstance tracker;
    private static TrackerClient api;
    private static User alice;
    private static String group;

    @BeforeContainer
    static void startTracker() {
        tracker = TrackerInstance.start(TestDatabase.fresh(), "p2p.tracker.max-request-size=64KB");
        api = tracker.client();
        alice = api.newUser();
        group = api.newGroup(alice, false);
    }

    @AfterContainer
    static void stopTracker() {
        if (tracker != null) tracker.close();
    }

    @Property
    void aUserNameIsRegisteredExactlyWhenItIsValid(@ForAll("hostileNames") String name) {
        Response response = api.post("/api/users", null, new Credentials(name, TrackerClient.PASSWORD));
        if (Names.isValid(name)) {
            assertThat(response.status()).as(response.body()).isIn(201, 409);
        } else {
            assertThat(response.problem(400)).contains("name");
        }
    }

    @Property
    void aGroupNameInTheUrlIsRefusedOrNotFound(@ForAll("hostileNames") String name) {
        Response response = api.get("/api/groups/" + segment(name) + "/files", alice.token());
        assertOnlyClientError(response);
        if (Names.isValid(name) && response.status() == 200) {
            // A group of that name exists: the random bodies of another property here may have created it.
            assertThat(api.get("/api/groups", alice.token()).body()).contains("\"" + name + "\"");
        } else if (Names.isValid(name)) {
            assertThat(response.problem(404)).contains("group");
        } else {
            assertThat(response.status()).isEqualTo(400);
        }
    }

    /** Every valid file name can be shared and found again by that name; every other is a 400. */
    @Property(tries = 120)
    void aFileNameRoundTripsExactlyWhenItIsValid(@ForAll("hostileFileNames") String name) {
        Manifest file = manifest(name, 1);
        Response shared = api.share(alice, group, file);
        if (!FileNames.isValid(name)) {
            assertThat(shared.problem(400)).contains("manifest");
            assertOnlyClientError(api.get(filePath(group, name), alice.token()));
            return;
        }
        assertThat(shared.status()).as(shared.body()).isIn(201, 409);
        if (shared.status() == 409) return; // the same name drawn twice, with other random hashes
        Response details = api.get(filePath(group, name), alice.token());
        assertThat(details.status()).as(details.body()).isEqualTo(200);
        assertThat(details.as(FileDetails.class).manifest()).isEqualTo(file);
        assertThat(api.delete(filePath(group, name) + "/seeders/me", alice.token()).status()).isEqualTo(204);
    }

    @Property
    void anyBodyOnAnyEndpointIsAnsweredWithoutAServerError(@ForAll("endpoints") String endpoint,
                                                           @ForAll("bodies") String body) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1).replace("{group}", group);
        boolean open = path.equals("/api/users") || path.equals("/api/sessions");
        Response response = api.send(method, path, open ? null : alice.token(), body);
        assertOnlyClientError(response);
    }

    @Property(tries = 50)
    void arbitraryBytesAreNoBetterThanArbitraryText(@ForAll("endpoints") String endpoint,
                                                    @ForAll byte[] body) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1).replace("{group}", group);
        assertOnlyClientError(api.sendRaw(method, path, alice.token(), HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Below 500, and when it is an error, a problem+json with a one-line detail and no stack trace. */
    static void assertOnlyClientError(Response response) {
        assertThat(response.status()).as(response.body()).isLessThan(500);
        if (response.status() >= 400) {
            response.problem(response.status());
            assertThat(response.body()).doesNotContain("\tat ").doesNotContain("Exception");
        }
    }

    @Provide
    Arbitrary<String> hostileNames() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcXYZ019._-").ofMinLength(1).ofMaxLength(70),
                Arbitraries.strings().ascii().ofMaxLength(80),
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withChars("'\";<>&%$`{}()[]*|!~#\\/.:?=+@ \t\n\u0000é日").ofMaxLength(70),
                Arbitraries.of(META)).filter(HostileInputPropertyTest::sendable);
    }

    @Provide
    Arbitrary<String> hostileFileNames() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars(" .-_()[]").ofMinLength(1).ofMaxLength(60),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(140),
                Arbitraries.strings().withChars("'\";<>&%$`{}()*|!~#\\/.:?=+@ \t\n\u0000éü日本語🎉").ofMinLength(1).ofMaxLength(90),
                Arbitraries.strings().withChars("é日x").ofMinLength(80).ofMaxLength(130),
                Arbitraries.of(META)).filter(HostileInputPropertyTest::sendable);
    }

    @Provide
    Arbitrary<String> endpoints() {
        return Arbitraries.of(
                "POST /api/users", "POST /api/sessions", "POST /api/groups", "POST /api/groups/{group}/join-requests",
                "POST /api/groups/{group}/files", "PUT /api/groups/{group}/files/x/seeders/me", "PUT /api/peers/me",
                "DELETE /api/groups/{group}/members/nobody", "POST /api/groups/{group}/join-requests/nobody/accept");
    }

    /** Raw text, JSON of the wrong shape, and JSON objects with the right field names holding any value. */
    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> field = Arbitraries.of("username", "password", "name", "private", "url", "sha256", "chunks",
                "size", "chunkSize", "chunks", "__proto__", "");
        Arbitrary<String> object = Combinators.combine(field, jsonValue(3), field, jsonValue(2))
                .as((k1, v1, k2, v2) -> "{\"" + k1 + "\":" + v1 + ",\"" + k2 + "\":" + v2 + "}");
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("{}[]\",:0123456789.eE+-truefalsn \\u").ofMaxLength(100),
                jsonValue(4),
                object,
                Arbitraries.of(META));
    }

    private static Arbitrary<String> jsonValue(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-1", "1e309", "9223372036854775808", "1.5", "\"\""),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.strings().all().ofMaxLength(40).map(HostileInputPropertyTest::jsonString),
                Arbitraries.of(META).map(HostileInputPropertyTest::jsonString));
        if (depth == 0) return scalar;
        Arbitrary<String> inner = Arbitraries.lazy(() -> jsonValue(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, scalar),
                net.jqwik.api.Tuple.of(1, inner.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]")),
                net.jqwik.api.Tuple.of(1, inner.map(v -> "{\"k\":" + v + "}")));
    }

    /**
     * Whether a client can send it as it is: a lone surrogate has no UTF-8 form and would arrive as '?'
     * (HostileInputTest sends one as a JSON escape instead).
     */
    private static boolean sendable(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s);
    }

    static String jsonString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }

    /** SQL and script meta-characters, path tricks and encodings that break naive code. */
    static final List<String> META = List.of(
            "' OR '1'='1", "x'; DROP TABLE users;--", "\"; DELETE FROM share_groups; --", "admin'--",
            "<script>alert(1)</script>", "${jndi:ldap://x/a}", "#{7*7}", "{{7*7}}", "%s%n%x", "..", ".", "...",
            "../../etc/passwd", "..\\..\\windows", "%2e%2e", "%2F", "%00", "a\u0000b", "\u202Eevil", "\uFEFF",
            "\uD800", "🎉", "null", "undefined", "NaN", "CON", "a".repeat(64), "a".repeat(65), "é".repeat(127),
            "é".repeat(128), " ", "\t", "-", "_", ".hidden", "name;jsessionid=1", "a?b=c", "a#b", "a+b",
            new String("x".repeat(2000).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
}
