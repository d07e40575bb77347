package dev.p2pshare.agent.chunk;

import dev.p2pshare.shared.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FolderRootTest {
    @TempDir
    Path dir;

    private Path root;
    private final List<String> paths = List.of("a b/ünï.bin", "a b/zero", "big.bin", "z/y/small.txt");

    /** Writes the files (sizes per path above) and returns their bytes as one stream. */
    private byte[] writeTree() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        int[] sizes = {1000, 0, Manifest.CHUNK_SIZE + 300, 17};
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        Random random = new Random(11);
        for (int i = 0; i < paths.size(); i++) {
            byte[] bytes = new byte[sizes[i]];
            random.nextBytes(bytes);
            Path file = root.resolve(paths.get(i));
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            stream.write(bytes);
        }
        return stream.toByteArray();
    }

    @Test
    void aChunkReadFromTheFolderIsThoseBytesOfTheStream() throws IOException {
        byte[] stream = writeTree();
        FolderRoot files = new FolderRoot(root, paths);
        Manifest manifest = ManifestHasher.hashFolder("root", paths, List.of(), files, ManifestHasher.Checkpoint.START,
                (bytes, done) -> { });
        try (ChunkStore store = ChunkStore.openFolder(new FolderLayout(manifest), files, null)) {
            for (int chunk = 0; chunk < manifest.chunkCount(); chunk++) {
                ByteBuffer read = store.read(chunk, ByteBuffer.allocate(Manifest.CHUNK_SIZE));
                byte[] bytes = new byte[read.remaining()];
                read.get(bytes);
                int from = chunk * Manifest.CHUNK_SIZE;
                assertThat(bytes).isEqualTo(Arrays.copyOfRange(stream, from, Math.min(stream.length, from + Manifest.CHUNK_SIZE)));
                assertThat(ChunkVerifier.matches(ByteBuffer.wrap(bytes), manifest.chunks().get(chunk))).isTrue();
            }
        }
    }

    @Test
    void aFileOrFolderReplacedByALinkIsNeverFollowed() throws IOException {
        writeTree();
        Path outside = Files.writeString(dir.resolve("secret.txt"), "outside the tree");
        Path outsideFolder = Files.createDirectories(dir.resolve("elsewhere/y"));
        Files.writeString(outsideFolder.resolve("small.txt"), "outside the tree too");
        FolderRoot files = new FolderRoot(root, paths);

        Files.delete(root.resolve("big.bin"));
        Files.createSymbolicLink(root.resolve("big.bin"), outside);
        assertThatThrownBy(() -> files.open(2, false)).isInstanceOf(IOException.class);

        Path z = root.resolve("z");
        Files.move(z, dir.resolve("z-moved"));
        Files.createSymbolicLink(z, dir.resolve("elsewhere"));
        assertThatThrownBy(() -> files.open(3, false)).isInstanceOf(IOException.class);

        try (FileChannel first = files.open(0, false)) {
            assertThat(first.size()).isEqualTo(1000);
        }
        assertThatThrownBy(() -> files.open(0, true)).isInstanceOf(IOException.class);
    }

    @Test
    void aStoreWalkingFromFileToFileFollowsNoLinkPlantedOnTheWay() throws IOException {
        writeTree();
        Path outsideFolder = Files.createDirectories(dir.resolve("elsewhere/y"));
        Files.writeString(outsideFolder.resolve("small.txt"), "outside the tree too");
        try (ChunkStore.Opener walk = new FolderRoot(root, paths).opener()) {
            try (FileChannel first = walk.open(0, false); FileChannel second = walk.open(2, false)) {
                assertThat(first.size()).isEqualTo(1000);
                assertThat(second.size()).isEqualTo(Manifest.CHUNK_SIZE + 300);
            }
            Path z = root.resolve("z");
            Files.move(z, dir.resolve("z-moved"));
            Files.createSymbolicLink(z, dir.resolve("elsewhere"));
            assertThatThrownBy(() -> walk.open(3, false)).isInstanceOf(IOException.class);
            try (FileChannel back = walk.open(1, false)) {
                assertThat(back.size()).as("back up the tree after a failure").isZero();
            }
        }
    }

    @Test
    void aChunkIsCheckedAgainstTheStampsOfTheFilesItTouches() throws IOException {
        writeTree();
        FolderRoot files = new FolderRoot(root, paths);
        Manifest manifest = ManifestHasher.hashFolder("root", paths, List.of(), files, ManifestHasher.Checkpoint.START,
                (bytes, done) -> { });
        List<FileStamp> stamps = paths.stream().map(p -> FileStamp.current(root.resolve(p), LinkOption.NOFOLLOW_LINKS)).toList();
        HeldFile held = new HeldFile("g", manifest, root, null, files, stamps);
        assertThat(held.check(0, 1)).isEqualTo(FileStamp.Check.UNCHANGED);
        assertThat(held.check(1, 1)).isEqualTo(FileStamp.Check.UNCHANGED);

        Path small = root.resolve("z/y/small.txt"); // in chunk 1 only
        Files.writeString(small, "seventeen bytes!!");
        Files.setLastModifiedTime(small, FileTime.fromMillis(stamps.get(3).modifiedMillis() + 5000));
        assertThat(held.check(0, 1)).isEqualTo(FileStamp.Check.UNCHANGED);
        assertThat(held.check(1, 1)).isEqualTo(FileStamp.Check.CHANGED);
        assertThat(held.check(0, 2)).as("a run over both chunks").isEqualTo(FileStamp.Check.CHANGED);
    }
}
