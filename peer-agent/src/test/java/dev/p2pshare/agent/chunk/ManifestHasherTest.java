package dev.p2pshare.agent.chunk;

import dev.p2pshare.shared.Hex;
import dev.p2pshare.shared.Manifest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestHasherTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, Manifest.CHUNK_SIZE - 1, Manifest.CHUNK_SIZE, Manifest.CHUNK_SIZE + 1, 3 * Manifest.CHUNK_SIZE - 5})
    void hashesEveryChunkAndTheWholeFileInOnePass(int size) throws Exception {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        Path file = Files.write(dir.resolve("f.bin"), content);
        AtomicLong progress = new AtomicLong(-1);

        Manifest manifest = ManifestHasher.hash(file, "f.bin", progress::set);

        assertThat(manifest.problem()).isNull();
        assertThat(manifest.size()).isEqualTo(size);
        assertThat(manifest.sha256()).isEqualTo(sha256(content));
        List<String> expected = new ArrayList<>();
        for (int offset = 0; offset < size; offset += Manifest.CHUNK_SIZE) {
            expected.add(sha256(Arrays.copyOfRange(content, offset, Math.min(size, offset + Manifest.CHUNK_SIZE))));
        }
        assertThat(manifest.chunks()).isEqualTo(expected);
        if (size > 0) assertThat(progress.get()).isEqualTo(size);
    }

    static String sha256(byte[] bytes) throws Exception {
        return Hex.of(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
