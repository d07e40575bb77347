package dev.p2pshare.shared;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestTest {
    private static final String H = "a".repeat(64);

    @Test
    void chunkCountRoundsUpAndEmptyFileHasNoChunks() {
        assertThat(Manifest.chunkCount(0, Manifest.CHUNK_SIZE)).isZero();
        assertThat(Manifest.chunkCount(1, Manifest.CHUNK_SIZE)).isEqualTo(1);
        assertThat(Manifest.chunkCount(Manifest.CHUNK_SIZE, Manifest.CHUNK_SIZE)).isEqualTo(1);
        assertThat(Manifest.chunkCount(Manifest.CHUNK_SIZE + 1L, Manifest.CHUNK_SIZE)).isEqualTo(2);
        assertThat(Manifest.chunkCount(5L * 1024 * 1024 * 1024, Manifest.CHUNK_SIZE)).isEqualTo(10240);
    }

    @Test
    void lastChunkIsShorter() {
        Manifest m = new Manifest("a.bin", Manifest.CHUNK_SIZE + 10L, Manifest.CHUNK_SIZE, H, List.of(H, H));
        assertThat(m.chunkLength(0)).isEqualTo(Manifest.CHUNK_SIZE);
        assertThat(m.chunkLength(1)).isEqualTo(10);
        assertThat(m.offset(1)).isEqualTo(Manifest.CHUNK_SIZE);
        assertThatThrownBy(() -> m.chunkLength(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(m.problem()).isNull();
    }

    @Test
    void inconsistentManifestsNameTheirProblem() {
        assertThat(new Manifest("a", 10, Manifest.CHUNK_SIZE, H, List.of()).problem()).contains("chunks");
        assertThat(new Manifest("a", 10, 1000, H, List.of(H)).problem()).contains("chunkSize");
        assertThat(new Manifest("a", 10, Manifest.CHUNK_SIZE, "ABC", List.of(H)).problem()).contains("sha256");
        assertThat(new Manifest("a/b", 10, Manifest.CHUNK_SIZE, H, List.of(H)).problem()).contains("name");
        assertThat(new Manifest("a", -1, Manifest.CHUNK_SIZE, H, List.of()).problem()).contains("negative");
        // 2^32 chunks would wrap to 0 in an int: still refused.
        assertThat(new Manifest("a", (1L << 32) * Manifest.CHUNK_SIZE, Manifest.CHUNK_SIZE, H, List.of()).problem()).contains("chunks");
        assertThat(new Manifest("a", 10, Manifest.CHUNK_SIZE, H, Collections.singletonList("x")).problem()).contains("chunk hash");
    }
}
