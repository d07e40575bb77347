package dev.p2pshare.agent.serve;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.p2pshare.agent.RealTracker;
import dev.p2pshare.agent.TestAgent;
import dev.p2pshare.agent.TrackerApi;
import dev.p2pshare.agent.TrackerProcess;
import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadRequest;
import dev.p2pshare.shared.control.ShareInfo;
import dev.p2pshare.shared.tracker.ChunkAvailability;
import dev.p2pshare.shared.tracker.FileDetails;
import dev.p2pshare.shared.tracker.Grants;
import dev.p2pshare.shared.tracker.SessionToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The chunk server against the real tracker: grants, hostile paths, changed files, upload limits, odd sizes. */
@ExtendWith(RealTracker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChunkServerTest {
    private static final String GROUP = "serve";

    private Path dir;
    private TrackerApi tracker;
    private SessionToken aliceToken;
    private SessionToken bobToken;
    private TestAgent alice;
    private TestAgent bob;
    private Path fileA;
    private Path fileB;
    private ShareInfo shareA;
    private ShareInfo shareB;

    @BeforeAll
    void start(TrackerProcess trackerProcess, @TempDir Path tempDir) throws Exception {
        dir = tempDir;
        tracker = new TrackerApi(trackerProcess.url());
        aliceToken = tracker.newUser("serve-alice");
        bobToken = tracker.newUser("serve-bob");
        tracker.createGroup(aliceToken, GROUP);
        alice = TestAgent.start(dir.resolve("alice/.p2p"), "serve-alice", aliceToken, tracker.url());
        // Bob's session lists a dead tracker first: everything he does fails over to the live one.
        bob = TestAgent.start(dir.resolve("bob/.p2p"), "serve-bob", bobToken,
                List.of("http://127.0.0.1:" + TrackerProcess.freePort(), tracker.url()));
        fileA = randomFile(dir.resolve("a.bin"), 2 * Manifest.CHUNK_SIZE + 10, 1);
        fileB = randomFile(dir.resolve("b.bin"), 1000, 2);
        shareA = alice.share(fileA, GROUP);
        shareB = alice.share(fileB, GROUP);
    }

    @AfterAll
    void stop() {
        if (bob != null) bob.close();
        if (alice != null) alice.close();
    }

    static Path randomFile(Path path, int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.createDirectories(path.getParent());
        return Files.write(path, bytes);
    }

    private String chunkPath(String sha256, String index) {
        return "/chunks/" + sha256 + "/" + index;
    }

    private TestAgent.Reply getChunk(String path, String grant) {
        return TestAgent.call(alice.endpoint().chunkUrl(), "GET", path, null, grant == null ? null : "Bearer " + grant);
    }

    private FileDetails details(String fileName) {
        return tracker.details(bobToken, GROUP, fileName);
    }

    @Test
    void anAgentFailsOverToTheNextTrackerOfItsSession() {
        await().atMost(Duration.ofSeconds(20)).until(() -> bob.status().trackerState(),
                state -> state.startsWith("connected to " + tracker.url() + " (last reached "));
    }

    @Test
    void aValidGrantGetsExactlyTheChunkAndTheBitfield() throws Exception {
        String grant = details("a.bin").grant();
        TestAgent.Reply last = getChunk(chunkPath(shareA.sha256(), "2"), grant);
        assertThat(last.status()).isEqualTo(200);
        byte[] content = Files.readAllBytes(fileA);
        assertThat(last.body()).isEqualTo(Arrays.copyOfRange(content, 2 * Manifest.CHUNK_SIZE, content.length));

        TestAgent.Reply held = getChunk("/chunks/" + shareA.sha256(), grant);
        assertThat(held.status()).isEqualTo(200);
        assertThat(Bitfield.fromBase64(held.as(ChunkAvailability.class).chunks(), 3).isComplete()).isTrue();
        assertThat(alice.counter("p2p.chunks.served")).isPositive();
    }

    @Test
    void noGrantOrAGarbledOneIs401() {
        assertThat(getChunk(chunkPath(shareA.sha256(), "0"), null).status()).isEqualTo(401);
        assertThat(getChunk(chunkPath(shareA.sha256(), "0"), "not-a-jwt").status()).isEqualTo(401);
        assertThat(getChunk("/chunks/" + shareA.sha256(), null).status()).isEqualTo(401);
        String grant = details("a.bin").grant();
        String[] parts = grant.split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace(shareA.sha256(), shareB.sha256()).getBytes(StandardCharsets.UTF_8));
        String tampered = parts[0] + "." + otherPayload + "." + parts[2];
        assertThat(getChunk(chunkPath(shareB.sha256(), "0"), tampered).status()).isEqualTo(401);
    }

    @Test
    void aGrantForAnotherFileIs403() {
        String grantForB = details("b.bin").grant();
        TestAgent.Reply reply = getChunk(chunkPath(shareA.sha256(), "0"), grantForB);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anExpiredGrantIs401() throws Exception {
        FileDetails details = details("b.bin");
        assertThat(getChunk(chunkPath(shareB.sha256(), "0"), details.grant()).status()).isEqualTo(200);
        long wait = Duration.between(Instant.now(), details.grantExpiresAt()).toMillis() + 1200;
        assertThat(wait).isLessThanOrEqualTo(TrackerProcess.GRANT_TTL.toMillis() + 1200);
        Thread.sleep(Math.max(0, wait));
        TestAgent.Reply reply = getChunk(chunkPath(shareB.sha256(), "0"), details.grant());
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.text()).doesNotContain(new String(Files.readAllBytes(fileB), StandardCharsets.ISO_8859_1));
    }

    @Test
    void aGrantWithAForgedSignatureIs401() throws Exception {
        String trackerKid = JWKSet.parse(tracker.keys()).getKeys().get(0).getKeyID();
        for (String kid : List.of(trackerKid, "made-up-key")) {
            ECKey forger = new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
            NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(forger)));
            JwtClaimsSet claims = JwtClaimsSet.builder().issuer(Grants.ISSUER).subject("serve-bob")
                    .expiresAt(Instant.now().plusSeconds(300)).claim(Grants.GROUP_CLAIM, GROUP)
                    .claim(Grants.FILE_CLAIM, shareA.sha256()).build();
            String forged = encoder.encode(JwtEncoderParameters.from(
                    JwsHeader.with(SignatureAlgorithm.ES256).keyId(kid).build(), claims)).getTokenValue();
            assertThat(getChunk(chunkPath(shareA.sha256(), "0"), forged).status()).as("kid " + kid).isEqualTo(401);
        }
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + details("a.bin").grant().split("\\.")[1] + ".";
        assertThat(getChunk(chunkPath(shareA.sha256(), "0"), unsigned).status()).isEqualTo(401);
    }

    @Test
    void hostilePathsNeverReachTheFileSystem() throws Exception {
        String grant = details("a.bin").grant();
        String sha = shareA.sha256();
        byte[] content = Files.readAllBytes(fileA);
        byte[] chunkStart = Arrays.copyOf(content, 64);
        List<String> paths = List.of(
                "/chunks/..%2F..%2F..%2Fetc%2Fpasswd/0",
                "/chunks/" + sha + "/..%2F..%2Fetc%2Fpasswd",
                "/chunks/%2e%2e/%2e%2e/etc/passwd",
                "/chunks/../../etc/passwd",
                "/chunks/" + sha + "%2F0/0",
                "/chunks/" + sha + "/-1",
                "/chunks/" + sha + "/3",
                "/chunks/" + sha + "/2147483648",
                "/chunks/" + sha + "/99999999999999999999",
                "/chunks/" + sha + "/1e2",
                "/chunks/" + sha + "/0x1",
                "/chunks/" + sha.toUpperCase() + "/0",
                "/chunks/" + sha.substring(1) + "/0",
                "/chunks/" + "g".repeat(64) + "/0",
                "/chunks/" + sha + "/0/extra",
                "/chunks//0",
                "/chunks/%00/0");
        for (String path : paths) {
            RawReply reply = rawGet(URI.create(alice.endpoint().chunkUrl()), path, grant);
            assertThat(reply.status()).as(path).isIn(400, 404);
            assertThat(indexOf(reply.bytes(), chunkStart)).as(path + " leaks file content").isEqualTo(-1);
            assertThat(new String(reply.bytes(), StandardCharsets.ISO_8859_1)).as(path).doesNotContain("root:");
        }
    }

    @Test
    void aSharedFileThatChangedOnDiskIsNeverServedAndLeavesTheTracker() throws Exception {
        Path file = randomFile(dir.resolve("changing.bin"), Manifest.CHUNK_SIZE + 100, 3);
        ShareInfo share = alice.share(file, GROUP);
        String grant = details("changing.bin").grant();
        assertThat(getChunk(chunkPath(share.sha256(), "0"), grant).status()).isEqualTo(200);

        byte[] altered = Files.readAllBytes(file);
        altered[10] ^= 1;
        Files.write(file, altered);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

        TestAgent.Reply reply = getChunk(chunkPath(share.sha256(), "0"), grant);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(indexOf(reply.body(), Arrays.copyOf(altered, 64))).isEqualTo(-1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> tracker.detailsStatus(bobToken, GROUP, "changing.bin") == 404);
        assertThat(alice.status().shares()).extracting(ShareInfo::name).doesNotContain("changing.bin");
    }

    /** Flips a bit of chunk 1 and sets the modification time back (the change time still moves); returns the bytes. */
    private static byte[] alterChunkOneKeepingItsTime(Path file) throws Exception {
        FileTime time = Files.getLastModifiedTime(file);
        byte[] altered = Files.readAllBytes(file);
        altered[Manifest.CHUNK_SIZE + 1] ^= 1;
        Files.write(file, altered);
        Files.setLastModifiedTime(file, time);
        return altered;
    }

    @Test
    void aFileAlteredWithoutChangingSizeOrTimeIsCaughtByTheChunkHash() throws Exception {
        Path file = randomFile(dir.resolve("sneaky.bin"), Manifest.CHUNK_SIZE + 100, 4);
        ShareInfo share = alice.share(file, GROUP);
        String grant = details("sneaky.bin").grant();
        alterChunkOneKeepingItsTime(file);

        assertThat(getChunk(chunkPath(share.sha256(), "0"), grant).status()).as("chunk 0 is unchanged")
                .isEqualTo(200);
        TestAgent.Reply reply = getChunk(chunkPath(share.sha256(), "1"), grant);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body().length).isLessThan(1000);
        assertThat(getChunk(chunkPath(share.sha256(), "0"), grant).status()).as("no longer shared at all")
                .isEqualTo(404);
    }

    @Test
    void aRunOfNeighbouringChunksComesInOneAnswerUpToTheLastHeld() throws Exception {
        String grant = details("a.bin").grant();
        byte[] content = Files.readAllBytes(fileA);
        TestAgent.Reply run = getChunk(chunkPath(shareA.sha256(), "1") + "?count=16", grant);
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.body()).as("chunks 1 and 2, the file's last").isEqualTo(
                Arrays.copyOfRange(content, Manifest.CHUNK_SIZE, content.length));
        TestAgent.Reply one = getChunk(chunkPath(shareA.sha256(), "0") + "?count=1", grant);
        assertThat(one.body()).isEqualTo(Arrays.copyOf(content, Manifest.CHUNK_SIZE));

        for (String count : List.of("0", "17", "-1", "x", "", "1e1", "99999999999")) {
            TestAgent.Reply refused = getChunk(chunkPath(shareA.sha256(), "0") + "?count=" + count, grant);
            assertThat(refused.status()).as("count=" + count).isEqualTo(400);
            assertThat(refused.text()).as("count=" + count).contains("count must be a number from 1 to 16");
        }
    }

    @Test
    void aRunWhoseLaterChunkNoLongerMatchesIsCutShortAndTheFileUnshared() throws Exception {
        Path file = randomFile(dir.resolve("sneaky-run.bin"), 2 * Manifest.CHUNK_SIZE + 100, 6);
        ShareInfo share = alice.share(file, GROUP);
        String grant = details("sneaky-run.bin").grant();
        byte[] altered = alterChunkOneKeepingItsTime(file);

        RawReply reply = rawGet(URI.create(alice.endpoint().chunkUrl()), chunkPath(share.sha256(), "0") + "?count=3", grant);
        assertThat(reply.status()).as("chunk 0 still matches: the answer starts").isEqualTo(200);
        assertThat(reply.bytes().length).as("but ends before chunk 1's bytes").isLessThan(Manifest.CHUNK_SIZE + 1000);
        assertThat(indexOf(reply.bytes(), Arrays.copyOfRange(altered, Manifest.CHUNK_SIZE, Manifest.CHUNK_SIZE + 64)))
                .isEqualTo(-1);
        assertThat(getChunk(chunkPath(share.sha256(), "0"), grant).status()).as("no longer shared at all")
                .isEqualTo(404);
    }

    @Test
    void uploadsBeyondTheLimitGet503WithRetryAfter() throws Exception {
        SessionToken carolToken = tracker.newUser("serve-carol");
        tracker.join(carolToken, GROUP);
        try (TestAgent carol = TestAgent.start(dir.resolve("carol/.p2p"), "serve-carol", carolToken, tracker.url(),
                "--p2p.agent.max-uploads=1", "--p2p.agent.max-upload-rate=512KB")) {
            Path file = randomFile(dir.resolve("limited.bin"), 2 * Manifest.CHUNK_SIZE, 5);
            ShareInfo share = carol.share(file, GROUP);
            String grant = details("limited.bin").grant();
            String base = carol.endpoint().chunkUrl();
            CompletableFuture<TestAgent.Reply> first = CompletableFuture.supplyAsync(() ->
                    TestAgent.call(base, "GET", chunkPath(share.sha256(), "0"), null, "Bearer " + grant));
            await().atMost(Duration.ofSeconds(5)).until(() -> carol.counter("p2p.bytes.served") >= 0
                    && TestAgent.call(base, "GET", chunkPath(share.sha256(), "1"), null, "Bearer " + grant).status() == 503);
            TestAgent.Reply busy = TestAgent.call(base, "GET", chunkPath(share.sha256(), "1"), null, "Bearer " + grant);
            if (busy.status() == 503) assertThat(busy.retryAfter()).isNotBlank();
            assertThat(first.get().status()).isEqualTo(200);
            assertThat(first.get().body().length).isEqualTo(Manifest.CHUNK_SIZE);
        }
    }

    @Test
    void filesOfZeroOneAndExactlyOneChunkAndOddSizesArriveIntact() throws Exception {
        int[] sizes = {0, 1, Manifest.CHUNK_SIZE, 3 * Manifest.CHUNK_SIZE + 123};
        Path downloads = Files.createDirectories(dir.resolve("bob-downloads"));
        for (int size : sizes) {
            Path file = randomFile(dir.resolve("sizes/size-" + size + ".bin"), size, size);
            alice.share(file, GROUP);
            DownloadInfo started = bob.download(GROUP, file.getFileName().toString(), downloads);
            DownloadInfo done = bob.awaitComplete(started.id(), Duration.ofSeconds(30));
            assertThat(done.bytesDone()).isEqualTo(size);
            Path copy = downloads.resolve(file.getFileName());
            assertThat(Files.readAllBytes(copy)).as("size " + size).isEqualTo(Files.readAllBytes(file));
            assertThat(copy.resolveSibling(copy.getFileName() + ".part")).doesNotExist();
        }
    }

    @Test
    void anExistingFileIsOverwrittenOnlyWhenAsked() throws Exception {
        Path downloads = Files.createDirectories(dir.resolve("bob-overwrite"));
        Path existing = Files.writeString(downloads.resolve("b.bin"), "mine");
        TestAgent.Reply refused = bob.control("POST", "/control/downloads",
                new DownloadRequest(GROUP, "b.bin", downloads.toString(), null, false));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(Files.readString(existing)).isEqualTo("mine");

        TestAgent.Reply accepted = bob.control("POST", "/control/downloads",
                new DownloadRequest(GROUP, "b.bin", existing.toString(), true, false));
        assertThat(accepted.status()).isEqualTo(201);
        bob.awaitComplete(accepted.as(DownloadInfo.class).id(), Duration.ofSeconds(30));
        assertThat(Files.readAllBytes(existing)).isEqualTo(Files.readAllBytes(fileB));
    }

    @Test
    void aDownloadThatDoesNotSeedLeavesTheUsersOwnShareOfTheFileListed() throws Exception {
        Path own = Files.copy(fileB, Files.createDirectories(dir.resolve("bob-own")).resolve("b.bin"));
        tracker.join(bobToken, GROUP); // only members share; Bob leaves again below, as the other tests expect
        bob.share(own, GROUP);
        TestAgent.Reply started = bob.control("POST", "/control/downloads",
                new DownloadRequest(GROUP, "b.bin", Files.createDirectories(dir.resolve("bob-again")).toString(), null, false));
        started.expect(201);
        bob.awaitComplete(started.as(DownloadInfo.class).id(), Duration.ofSeconds(30));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> tracker.details(aliceToken, GROUP, "b.bin").peers(),
                        peers -> peers.stream().anyMatch(p -> p.username().equals("serve-bob") && p.complete()));
        assertThat(bob.status().shares()).extracting(ShareInfo::path).contains(own.toString());
        tracker.removeMember(bobToken, GROUP, "serve-bob");
    }

    @Test
    void prometheusOnTheControlListenerCountsChunksBytesControlRequestsAndDownloads() throws Exception {
        double servedBefore = metric(alice, "p2p_chunks_served_total");
        DownloadInfo done = bob.awaitComplete(
                bob.download(GROUP, "a.bin", Files.createDirectories(dir.resolve("bob-metrics"))).id(), Duration.ofSeconds(30));

        assertThat(metric(alice, "p2p_chunks_served_total") - servedBefore).isGreaterThanOrEqualTo(3);
        assertThat(metric(alice, "p2p_bytes_served_total")).isGreaterThanOrEqualTo(done.bytesDone());
        assertThat(metric(bob, "p2p_chunks_verified_total")).isGreaterThanOrEqualTo(3);
        assertThat(metric(bob, "p2p_bytes_received_total")).isGreaterThanOrEqualTo(done.bytesDone());
        assertThat(metric(bob, "p2p_chunks_rejected_total")).isZero();
        assertThat(metric(bob, "p2p_downloads_active")).isZero();
        assertThat(metric(alice, "http_server_requests_seconds_count")).isPositive();
        assertThat(alice.control("GET", "/actuator/prometheus", null).text())
                .as("chunk requests are counted by p2p_chunks_served, not timed one by one")
                .doesNotContain("uri=\"/chunks");

        String control = bob.endpoint().controlUrl();
        assertThat(TestAgent.call(control, "GET", "/actuator/prometheus", null, null).status()).isEqualTo(401);
        assertThat(TestAgent.call(control, "GET", "/actuator/health", null, null).status()).isEqualTo(200);
        assertThat(TestAgent.call(bob.endpoint().chunkUrl(), "GET", "/actuator/prometheus", null, "Bearer " + bob.secret())
                .status()).isEqualTo(404);
    }

    /** The sum of a metric's samples (all tag sets) in the agent's Prometheus scrape. */
    private static double metric(TestAgent agent, String name) {
        TestAgent.Reply scrape = agent.control("GET", "/actuator/prometheus", null);
        scrape.expect(200);
        Matcher samples = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(scrape.text());
        double sum = 0;
        boolean found = false;
        while (samples.find()) {
            sum += Double.parseDouble(samples.group(2));
            found = true;
        }
        assertThat(found).as(name + " in the scrape").isTrue();
        return sum;
    }

    record RawReply(int status, byte[] bytes) {
    }

    /** Sends the path byte for byte (HTTP clients would normalise it). */
    static RawReply rawGet(URI server, String path, String grant) throws Exception {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + server.getHost() + "\r\nAuthorization: Bearer " + grant
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            byte[] bytes = all.toByteArray();
            String head = new String(bytes, 0, Math.min(bytes.length, 20), StandardCharsets.ISO_8859_1);
            return new RawReply(Integer.parseInt(head.substring(9, 12)), bytes);
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
