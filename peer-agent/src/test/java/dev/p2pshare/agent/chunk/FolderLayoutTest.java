package dev.p2pshare.agent.chunk;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.ManifestFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FolderLayoutTest {
    private static final int C = Manifest.CHUNK_SIZE;
    private static final String H = "c".repeat(64);

    private static Manifest folder(long... sizes) {
        List<ManifestFile> files = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < sizes.length; i++) {
            files.add(new ManifestFile("f" + (char) ('a' + i), sizes[i], H));
            total += sizes[i];
        }
        return Manifest.folder("d", files, List.of(), Collections.nCopies(Manifest.chunkCount(total, C), H));
    }

    @Test
    void smallFilesShareAChunkAndABigOneSpansSeveral() {
        FolderLayout layout = new FolderLayout(folder(3072, 0, C + 100, 5));
        assertThat(layout.spans(0)).containsExactly(new FolderLayout.Span(0, 0, 0, 3072),
                new FolderLayout.Span(2, 0, 3072, C - 3072));
        assertThat(layout.spans(1)).containsExactly(new FolderLayout.Span(2, C - 3072, 0, 3172),
                new FolderLayout.Span(3, 0, 3172, 5));
        assertThat(layout.empty(1)).isTrue();
        assertThat(layout.firstChunk(2)).isZero();
        assertThat(layout.lastChunk(2)).isEqualTo(1);
        BitSet onlyFirst = new BitSet();
        onlyFirst.set(0);
        assertThat(layout.chunksOf(onlyFirst)).isEqualTo(BitSet.valueOf(new long[] {1}));
        assertThat(layout.chunksWhollyIn(onlyFirst).isEmpty()).isTrue();
    }

    @Test
    void aFolderRoundTripsThroughItsChunksAndWritesOnlyChosenFiles(@TempDir Path dir) throws IOException {
        long[] sizes = {3072, 0, C + 100, 5, 2 * C};
        Manifest manifest = folder(sizes);
        Path source = Files.createDirectories(dir.resolve("source"));
        Random random = new Random(7);
        for (int i = 0; i < sizes.length; i++) {
            byte[] bytes = new byte[(int) sizes[i]];
            random.nextBytes(bytes);
            Files.write(source.resolve(manifest.files().get(i).path()), bytes);
        }
        Path target = Files.createDirectories(dir.resolve("target"));
        BitSet chosen = new BitSet();
        chosen.set(2);
        chosen.set(4);
        ChunkStore.FolderFiles read = (file, write) -> FileChannel.open(source.resolve(manifest.files().get(file).path()));
        ChunkStore.FolderFiles write = (file, w) -> FileChannel.open(target.resolve(manifest.files().get(file).path()),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try (ChunkStore from = ChunkStore.openFolder(new FolderLayout(manifest), read, null);
             ChunkStore to = ChunkStore.openFolder(new FolderLayout(manifest), write, chosen)) {
            to.setLength();
            ByteBuffer buffer = ByteBuffer.allocateDirect(C);
            for (int chunk = manifest.chunkCount() - 1; chunk >= 0; chunk--) to.write(chunk, from.read(chunk, buffer));
        }
        for (int i = 0; i < sizes.length; i++) {
            Path copy = target.resolve(manifest.files().get(i).path());
            if (chosen.get(i)) {
                assertThat(copy).hasSameBinaryContentAs(source.resolve(manifest.files().get(i).path()));
            } else {
                assertThat(copy).doesNotExist();
            }
        }
    }
}
