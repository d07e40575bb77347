package dev.p2pshare.agent.download;

import dev.p2pshare.agent.EvilPeer;
import dev.p2pshare.agent.chunk.ManifestHasher;
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

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        @Override
        public boolean attach(Call call) {
            return true;
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    }

    private FetchResult fetch(EvilPeer peer) {
        return client.fetch(PeerClient.origin(peer.url()), manifest.sha256(), 0, "grant", manifest.chunkLength(0),
                buffer, new Request());
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
}
