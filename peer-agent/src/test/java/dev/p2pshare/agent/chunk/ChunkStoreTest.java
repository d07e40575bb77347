package dev.p2pshare.agent.chunk;

import dev.p2pshare.shared.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkStoreTest {
    @TempDir
    Path dir;

    @Test
    void chunksWrittenInAnyOrderLandAtTheirOffsetsAndVerify() throws Exception {
        byte[] content = new byte[2 * Manifest.CHUNK_SIZE + 1000];
        new Random(7).nextBytes(content);
        Path original = Files.write(dir.resolve("original"), content);
        Manifest manifest = ManifestHasher.hash(original, "original", n -> { });
        Path copy = dir.resolve("copy.part");
        ByteBuffer buffer = ByteBuffer.allocateDirect(Manifest.CHUNK_SIZE);

        try (ChunkStore source = ChunkStore.openForReading(original, manifest);
             ChunkStore target = ChunkStore.openForWriting(copy, manifest)) {
            for (int index : new int[]{2, 0, 1}) {
                source.read(index, buffer);
                assertThat(ChunkVerifier.matches(buffer, manifest.chunks().get(index))).isTrue();
                assertThat(ChunkVerifier.matches(buffer, manifest.chunks().get((index + 1) % 3))).isFalse();
                target.write(index, buffer);
            }
            target.setLength();
        }

        assertThat(Files.readAllBytes(copy)).isEqualTo(content);
    }

    @Test
    void aFolderStoreOpensAFileOnceForTheChunksAroundItAndClosesItsFilesWhenClosed() throws Exception {
        List<String> paths = List.of("a", "b", "sub/c");
        int[] sizes = {Manifest.CHUNK_SIZE - 10, 20, Manifest.CHUNK_SIZE}; // b lies in chunks 0 and 1, c in 1 and 2
        Path root = Files.createDirectories(dir.resolve("root/sub")).getParent();
        Random random = new Random(3);
        for (int i = 0; i < paths.size(); i++) {
            byte[] bytes = new byte[sizes[i]];
            random.nextBytes(bytes);
            Files.write(root.resolve(paths.get(i)), bytes);
        }
        FolderRoot files = new FolderRoot(root, paths);
        Manifest manifest = ManifestHasher.hashFolder("root", paths, List.of(), files, ManifestHasher.Checkpoint.START,
                (bytes, done) -> { });
        List<FileChannel> opened = new ArrayList<>();
        ChunkStore.FolderFiles counting = (file, write) -> {
            FileChannel channel = files.open(file, write);
            opened.add(channel);
            return channel;
        };

        try (ChunkStore store = ChunkStore.openFolder(new FolderLayout(manifest), counting, null)) {
            for (int chunk = 0; chunk < manifest.chunkCount(); chunk++) {
                ByteBuffer read = store.read(chunk, ByteBuffer.allocate(Manifest.CHUNK_SIZE));
                assertThat(ChunkVerifier.matches(read, manifest.chunks().get(chunk))).isTrue();
            }
            assertThat(opened).as("each file opened once").hasSize(3).allMatch(FileChannel::isOpen);
            store.closeFile(1);
            assertThat(opened.get(1).isOpen()).isFalse();
        }
        assertThat(opened).noneMatch(FileChannel::isOpen);
    }

    @Test
    void readingAChunkPastTheEndOfAShortFileFails() throws Exception {
        byte[] content = new byte[Manifest.CHUNK_SIZE + 10];
        Path file = Files.write(dir.resolve("f"), content);
        Manifest manifest = ManifestHasher.hash(file, "f", n -> { });
        Files.write(file, Arrays.copyOf(content, Manifest.CHUNK_SIZE + 5));

        try (ChunkStore store = ChunkStore.openForReading(file, manifest)) {
            assertThatThrownBy(() -> store.read(1, ByteBuffer.allocate(Manifest.CHUNK_SIZE)))
                    .isInstanceOf(EOFException.class);
        }
    }

    @Test
    void writingBytesOfTheWrongLengthIsRefused() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[100]);
        Manifest manifest = ManifestHasher.hash(file, "f", n -> { });
        try (ChunkStore store = ChunkStore.openForWriting(dir.resolve("g"), manifest)) {
            assertThatThrownBy(() -> store.write(0, ByteBuffer.allocate(99)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theBufferPoolNeverHandsOutMoreThanItsCapacity() throws Exception {
        ChunkBuffers buffers = new ChunkBuffers(2, true);
        ByteBuffer first = buffers.take();
        ByteBuffer second = buffers.take();
        Thread waiter = new Thread(() -> {
            try {
                buffers.release(buffers.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        waiter.join(200);
        assertThat(waiter.isAlive()).as("a third take waits").isTrue();
        buffers.release(first);
        waiter.join(5000);
        assertThat(waiter.isAlive()).isFalse();
        assertThat(second.capacity()).isEqualTo(Manifest.CHUNK_SIZE);
    }

    @Test
    void aSymlinkInThePlaceOfThePartFileIsRefusedNotFollowed() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "not yours");
        Path original = Files.write(dir.resolve("original"), new byte[1000]);
        Manifest manifest = ManifestHasher.hash(original, "original", n -> { });
        Path part = Files.createSymbolicLink(dir.resolve("copy.part"), victim);

        assertThatThrownBy(() -> ChunkStore.openForWriting(part, manifest)).isInstanceOf(IOException.class);
        assertThat(Files.readString(victim)).isEqualTo("not yours");
    }
}
