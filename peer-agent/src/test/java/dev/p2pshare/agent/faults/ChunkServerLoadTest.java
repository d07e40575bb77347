package dev.p2pshare.agent.faults;

import dev.p2pshare.agent.RealTracker;
import dev.p2pshare.agent.TestAgent;
import dev.p2pshare.agent.TrackerApi;
import dev.p2pshare.agent.TrackerProcess;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.tracker.SessionToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The chunk server under 64 concurrent fetchers, and with clients that read one byte a second. */
@ExtendWith(RealTracker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChunkServerLoadTest {
    private static final String GROUP = "load";
    private static final int CHUNKS = 6;

    private Path dir;
    private TrackerApi tracker;
    private SessionToken bobToken;
    private TestAgent alice;
    private TestAgent carol;
    private byte[] content;
    private String sha256;

    @BeforeAll
    void start(TrackerProcess trackerProcess, @TempDir Path tempDir) throws Exception {
        dir = tempDir;
        tracker = new TrackerApi(trackerProcess.url());
        SessionToken aliceToken = tracker.newUser("load-alice");
        tracker.createGroup(aliceToken, GROUP);
        bobToken = tracker.newUser("load-bob");
        tracker.join(bobToken, GROUP);
        SessionToken carolToken = tracker.newUser("load-carol");
        tracker.join(carolToken, GROUP);
        alice = TestAgent.start(dir.resolve("alice/.p2p"), "load-alice", aliceToken, tracker.url());
        carol = TestAgent.start(dir.resolve("carol/.p2p"), "load-carol", carolToken, tracker.url());
        content = new byte[CHUNKS * Manifest.CHUNK_SIZE - 99];
        new Random(42).nextBytes(content);
        Path file = Files.write(Files.createDirectories(dir.resolve("originals")).resolve("load.bin"), content);
        sha256 = alice.share(file, GROUP).sha256();
    }

    @AfterAll
    void stop() {
        if (carol != null) carol.close();
        if (alice != null) alice.close();
    }

    private byte[] chunk(int index) {
        int from = index * Manifest.CHUNK_SIZE;
        return Arrays.copyOfRange(content, from, Math.min(content.length, from + Manifest.CHUNK_SIZE));
    }

    private String grant() {
        return tracker.details(bobToken, GROUP, "load.bin").grant();
    }

    @Test
    void sixtyFourConcurrentFetchersGetBytesOrBusy() throws Exception {
        String grant = grant();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int index = i % CHUNKS;
                results.add(pool.submit(() -> {
                    go.await();
                    HttpRequest request = HttpRequest.newBuilder(
                                    URI.create(alice.endpoint().chunkUrl() + "/chunks/" + sha256 + "/" + index))
                            .header("Authorization", "Bearer " + grant).timeout(Duration.ofSeconds(20)).build();
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() == 200) {
                        return Arrays.equals(response.body(), chunk(index)) ? "ok" : "wrong bytes for chunk " + index;
                    }
                    if (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isPresent()) {
                        return "busy";
                    }
                    return "answered " + response.statusCode() + " " + response.headers().map();
                }));
            }
            go.countDown();
            int ok = 0;
            for (Future<String> result : results) {
                String outcome = result.get(30, TimeUnit.SECONDS);
                assertThat(outcome).isIn("ok", "busy");
                if (outcome.equals("ok")) ok++;
            }
            assertThat(ok).as("fetches served").isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void slowReadersDoNotHoldUpANormalDownload() throws Exception {
        String grant = grant();
        List<Socket> slow = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> readers = new ArrayList<>();
        URI chunkUrl = URI.create(alice.endpoint().chunkUrl());
        try {
            for (int i = 0; i < 4; i++) {
                Socket socket = new Socket();
                socket.setReceiveBufferSize(4096);
                socket.connect(new java.net.InetSocketAddress(chunkUrl.getHost(), chunkUrl.getPort()), 5000);
                slow.add(socket);
                OutputStream out = socket.getOutputStream();
                // Pipelined requests for every chunk: far more than the kernel buffers hold, so the server must
                // either block on this client or time it out.
                for (int index = 0; index < CHUNKS; index++) {
                    out.write(("GET /chunks/" + sha256 + "/" + index + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Authorization: Bearer " + grant + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
                InputStream in = socket.getInputStream();
                Thread reader = new Thread(() -> {
                    try {
                        while (!stop.get() && in.read() >= 0) Thread.sleep(1000);
                    } catch (Exception closed) {
                        // the test closes the socket at the end
                    }
                });
                reader.setDaemon(true);
                reader.start();
                readers.add(reader);
            }
            Thread.sleep(500);

            long started = System.nanoTime();
            DownloadInfo download = carol.download(GROUP, "load.bin", Files.createDirectories(dir.resolve("carol-dl")));
            carol.awaitComplete(download.id(), Duration.ofSeconds(20));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(Files.mismatch(dir.resolve("carol-dl/load.bin"), dir.resolve("originals/load.bin"))).isEqualTo(-1L);
        } finally {
            stop.set(true);
            for (Socket socket : slow) socket.close();
            for (Thread reader : readers) reader.join(3000);
        }
    }
}
