package dev.p2pshare.agent.download;

import com.sun.net.httpserver.HttpServer;
import dev.p2pshare.agent.EvilPeer;
import dev.p2pshare.agent.chunk.ManifestHasher;
import dev.p2pshare.agent.system.RateLimit;
import dev.p2pshare.agent.system.Throttle;
import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the client accepts from a peer's chunk server, against hostile servers on loopback. */
class PeerClientTest {
    private static Manifest manifest;
    private final PeerClient client = new PeerClient(new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5)).followRedirects(false).build(),
            JsonMapper.builder().build(), new PeerLimits(DataSize.ofKilobytes(256), Duration.ofSeconds(1)));
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(Manifest.CHUNK_SIZE);

    @BeforeAll
    static void file(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[2 * Manifest.CHUNK_SIZE - 10];
        new Random(7).nextBytes(bytes);
        manifest = ManifestHasher.hash(Files.write(dir.resolve("f.bin"), bytes), "f.bin", n -> { });
    }

    private static final class Request implements PeerClient.Cancellation {
        private volatile boolean cancelled;

        @Override
        public boolean attach(Call call) {
            return true;
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }
    }

    private FetchResult fetch(EvilPeer peer) {
        return fetch(client, peer, new Request(), null);
    }

    private FetchResult fetch(PeerClient peerClient, EvilPeer peer, Request request, Throttle throttle) {
        try (PeerClient.ChunkRun run = peerClient.fetch(PeerClient.origin(peer.url()), manifest, 0, 1, "grant", request,
                throttle)) {
            return run.hasNext() ? run.next(buffer) : run.status();
        }
    }

    /** A chunk server that answers every request with {@code body} (announcing its length). */
    private static HttpServer answering(byte[] body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        return server;
    }

    private PeerClient.ChunkRun fetchRun(String url, int first, int count) {
        return client.fetch(PeerClient.origin(url), manifest, first, count, "grant", new Request(), null);
    }

    @Test
    void aRunIsReadChunkByChunk() throws Exception {
        try (EvilPeer liar = new EvilPeer(manifest, EvilPeer.Mode.LIAR);
             PeerClient.ChunkRun run = fetchRun(liar.url(), 0, 2)) {
            assertThat(run.status().kind()).isEqualTo(FetchResult.Kind.OK);
            assertThat(run.chunks()).isEqualTo(2);
            for (int chunk = 0; chunk < 2; chunk++) {
                assertThat(run.nextIndex()).isEqualTo(chunk);
                assertThat(run.next(buffer).kind()).isEqualTo(FetchResult.Kind.OK);
                assertThat(buffer.remaining()).isEqualTo(manifest.chunkLength(chunk));
            }
            assertThat(run.hasNext()).isFalse();
            assertThat(liar.strayRequests()).isEmpty();
        }
    }

    @Test
    void aServerMayAnswerFewerChunksThanAskedButNotMore() throws Exception {
        HttpServer one = answering(new byte[manifest.chunkLength(0)]);
        try (PeerClient.ChunkRun run = fetchRun("http://127.0.0.1:" + one.getAddress().getPort(), 0, 2)) {
            assertThat(run.chunks()).as("an older agent answers the first chunk only").isEqualTo(1);
            assertThat(run.next(buffer).kind()).isEqualTo(FetchResult.Kind.OK);
            assertThat(run.hasNext()).isFalse();
        } finally {
            one.stop(0);
        }
        HttpServer odd = answering(new byte[manifest.chunkLength(0) + 1]);
        try (PeerClient.ChunkRun run = fetchRun("http://127.0.0.1:" + odd.getAddress().getPort(), 0, 2)) {
            assertThat(run.status().kind()).isEqualTo(FetchResult.Kind.MISBEHAVED);
            assertThat(run.status().message()).contains("announced " + (manifest.chunkLength(0) + 1) + " bytes for chunks 0 to 1");
            assertThat(run.hasNext()).isFalse();
        } finally {
            odd.stop(0);
        }
    }

    private static Throttle throttle(long bytesPerSecond) {
        return new Throttle(List.of(new RateLimit(bytesPerSecond)));
    }

    @Test
    void onlyPlainOriginsArePeers() {
        assertThat(PeerClient.origin("http://127.0.0.1:8080")).isEqualTo(HttpUrl.get("http://127.0.0.1:8080/"));
        assertThat(PeerClient.origin("https://peer.example:443/")).isNotNull();
        assertThat(PeerClient.origin("http://127.0.0.1:8080/prefix")).isNull();
        assertThat(PeerClient.origin("http://127.0.0.1:8080/?x=1")).isNull();
        assertThat(PeerClient.origin("http://127.0.0.1:8080#frag")).isNull();
        assertThat(PeerClient.origin("http://user:pw@127.0.0.1:8080")).isNull();
        assertThat(PeerClient.origin("ftp://127.0.0.1:21")).isNull();
        assertThat(PeerClient.origin("not a url")).isNull();
        assertThat(PeerClient.origin(null)).isNull();
    }

    @Test
    void anEndlessChunkIsCutAtTheChunksLength() throws Exception {
        try (EvilPeer flood = new EvilPeer(manifest, EvilPeer.Mode.FLOOD)) {
            FetchResult result = fetch(flood);
            assertThat(result.kind()).isEqualTo(FetchResult.Kind.MISBEHAVED);
            assertThat(result.message()).contains("more than the " + manifest.chunkLength(0) + "-byte chunk");
            assertThat(flood.strayRequests()).isEmpty();
        }
    }

    @Test
    void anEndlessBitfieldAnswerIsCutAtItsSize() throws Exception {
        try (EvilPeer flood = new EvilPeer(manifest, EvilPeer.Mode.FLOOD)) {
            assertThatThrownBy(() -> client.held(PeerClient.origin(flood.url()), manifest.sha256(), "grant",
                    manifest.chunkCount()).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(PeerClient.PeerMisbehaved.class).hasMessageContaining("bitfield answer");
        }
    }

    @Test
    void aTricklingChunkIsCutOffSoonAfterTheGrace() throws Exception {
        try (EvilPeer trickle = new EvilPeer(manifest, EvilPeer.Mode.TRICKLE)) {
            long started = System.nanoTime();
            FetchResult result = fetch(trickle);
            assertThat(result.kind()).isEqualTo(FetchResult.Kind.MISBEHAVED);
            assertThat(result.message()).contains("slower than the minimum");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aTricklingBitfieldAnswerGivesUpAtTheQueryTimeout() throws Exception {
        try (EvilPeer trickle = new EvilPeer(manifest, EvilPeer.Mode.TRICKLE)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.held(PeerClient.origin(trickle.url()), manifest.sha256(), "grant",
                    manifest.chunkCount()).get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aRedirectIsMisbehaviour() throws Exception {
        try (EvilPeer redirect = new EvilPeer(manifest, EvilPeer.Mode.REDIRECT)) {
            FetchResult result = fetch(redirect);
            assertThat(result.kind()).isEqualTo(FetchResult.Kind.MISBEHAVED);
            assertThat(result.message()).contains("redirect");
            assertThatThrownBy(() -> client.held(PeerClient.origin(redirect.url()), manifest.sha256(), "grant",
                    manifest.chunkCount()).get(10, TimeUnit.SECONDS))
                    .cause().isInstanceOf(PeerClient.PeerMisbehaved.class);
        }
    }

    @Test
    void anHonestSizedAnswerIsRead() throws Exception {
        try (EvilPeer liar = new EvilPeer(manifest, EvilPeer.Mode.LIAR)) {
            assertThat(fetch(liar).kind()).isEqualTo(FetchResult.Kind.OK);
            assertThat(buffer.remaining()).isEqualTo(manifest.chunkLength(0));
            Bitfield held = client.held(PeerClient.origin(liar.url()), manifest.sha256(), "grant", manifest.chunkCount())
                    .get(10, TimeUnit.SECONDS);
            assertThat(held.isComplete()).isTrue();
            assertThat(liar.strayRequests()).isEmpty();
        }
    }

    @Test
    void timeSpentWaitingOnOurOwnLimitIsNotHeldAgainstAnHonestPeer() throws Exception {
        // A peer must send this 512 KiB chunk within 2 s of grace + 0.5 s at 1 MB/s; our limit takes ~3.5 s.
        PeerClient strict = new PeerClient(new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5)).followRedirects(false).build(),
                JsonMapper.builder().build(), new PeerLimits(DataSize.ofMegabytes(1), Duration.ofSeconds(1)));
        try (EvilPeer honest = new EvilPeer(manifest, EvilPeer.Mode.LIAR)) {
            long started = System.nanoTime();
            FetchResult result = fetch(strict, honest, new Request(), throttle(150_000));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(result.kind()).as(result.message()).isEqualTo(FetchResult.Kind.OK);
            assertThat(buffer.remaining()).isEqualTo(manifest.chunkLength(0));
            assertThat(took).as("the limit paced the read").isGreaterThan(Duration.ofMillis(3000));
        }
    }

    @Test
    void aCancelEndsAWaitOnTheLimitAtOnce() throws Exception {
        try (EvilPeer honest = new EvilPeer(manifest, EvilPeer.Mode.LIAR)) {
            Request request = new Request();
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
                request.cancelled = true;
            });
            long started = System.nanoTime();
            canceller.start();
            FetchResult result = fetch(client, honest, request, throttle(16 * 1024));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            canceller.join(1000);

            assertThat(result.kind()).isEqualTo(FetchResult.Kind.CANCELLED);
            assertThat(took).as("32 s at this rate; cancelled after 0.3 s").isLessThan(Duration.ofMillis(1000));
        }
    }
}
