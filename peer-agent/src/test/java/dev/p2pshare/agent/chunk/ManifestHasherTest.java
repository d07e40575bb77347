package dev.p2pshare.agent.chunk;

import dev.p2pshare.shared.Hex;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.ManifestFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.IntStream;

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

    @Test
    void hashesAFolderAsOneStreamWithEachFilesHashInOnePass() throws Exception {
        int[] sizes = {Manifest.CHUNK_SIZE + 7, 0, 3, 1000, 0, 2 * Manifest.CHUNK_SIZE, 5};
        List<String> paths = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<ManifestFile> expectedFiles = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < sizes.length; i++) {
            byte[] bytes = new byte[sizes[i]];
            random.nextBytes(bytes);
            String path = "d/f" + i;
            Files.createDirectories(dir.resolve("d"));
            Files.write(dir.resolve(path), bytes);
            paths.add(path);
            stream.write(bytes);
            expectedFiles.add(new ManifestFile(path, sizes[i], sha256(bytes)));
        }
        byte[] all = stream.toByteArray();
        AtomicLong bytes = new AtomicLong();
        AtomicInteger files = new AtomicInteger();

        Manifest manifest = ManifestHasher.hashFolder("d", paths, List.of("empty"), new FolderRoot(dir, paths),
                ManifestHasher.Checkpoint.START, (b, f) -> {
                    bytes.set(b);
                    files.set(f);
                });

        assertThat(manifest.problem()).isNull();
        assertThat(manifest.files()).isEqualTo(expectedFiles);
        assertThat(manifest.emptyFolders()).containsExactly("empty");
        assertThat(manifest.size()).isEqualTo(all.length);
        List<String> chunks = new ArrayList<>();
        for (int offset = 0; offset < all.length; offset += Manifest.CHUNK_SIZE) {
            chunks.add(sha256(Arrays.copyOfRange(all, offset, Math.min(all.length, offset + Manifest.CHUNK_SIZE))));
        }
        assertThat(manifest.chunks()).isEqualTo(chunks);
        assertThat(manifest.sha256()).isEqualTo(Manifest.folderIdentity(expectedFiles, List.of("empty"), chunks));
        assertThat(bytes.get()).isEqualTo(all.length);
        assertThat(files.get()).isEqualTo(sizes.length);
    }

    @Test
    void aFolderHashResumedFromAnyCheckpointEqualsOneInOneGoAndSkipsTheFilesBeforeIt() throws Exception {
        int[] sizes = {700_000, 0, 3, 200_000, 1_500_000, 10, 0, 524_288, 90_000, 5};
        List<String> paths = new ArrayList<>();
        Random random = new Random(5);
        for (int i = 0; i < sizes.length; i++) {
            byte[] bytes = new byte[sizes[i]];
            random.nextBytes(bytes);
            paths.add(String.format("f%02d", i));
            Files.write(dir.resolve(paths.get(i)), bytes);
        }
        List<ManifestHasher.Checkpoint> checkpoints = new ArrayList<>();
        ManifestHasher.Progress collect = new ManifestHasher.Progress() {
            @Override
            public void update(long bytes, int files) {
            }

            @Override
            public void checkpoint(Supplier<ManifestHasher.Checkpoint> state) {
                checkpoints.add(state.get());
            }
        };
        Manifest whole = ManifestHasher.hashFolder("d", paths, List.of(), new FolderRoot(dir, paths),
                ManifestHasher.Checkpoint.START, collect);
        // How far each checkpoint reaches depends on the two hashing threads' pace; every one of them must resume right.
        assertThat(checkpoints).isNotEmpty();
        // And one that reaches past a few files: the first two chunks hold files 0 to 3 whole.
        List<Long> firstFour = new ArrayList<>();
        List<String> theirHashes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            firstFour.add((long) sizes[i]);
            theirHashes.add(whole.files().get(i).sha256());
        }
        checkpoints.add(new ManifestHasher.Checkpoint(firstFour, theirHashes, whole.chunks().subList(0, 2)));

        for (ManifestHasher.Checkpoint checkpoint : checkpoints) {
            FolderRoot files = new FolderRoot(dir, paths);
            List<Integer> opened = new ArrayList<>();
            Manifest resumed = ManifestHasher.hashFolder("d", paths, List.of(), (file, write) -> {
                opened.add(file);
                return files.open(file, write);
            }, checkpoint, (bytes, done) -> { });
            assertThat(resumed).isEqualTo(whole);
            assertThat(opened).as("files opened").isEqualTo(
                    IntStream.range(checkpoint.sizes().size(), paths.size()).boxed().toList());
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return Hex.of(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
