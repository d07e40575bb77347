package dev.p2pshare.agent.share;

import dev.p2pshare.agent.chunk.FolderRoot;
import dev.p2pshare.agent.chunk.ManifestHasher;
import dev.p2pshare.shared.FolderLimits;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.SkippedPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FolderTreeTest {
    @TempDir
    Path dir;

    @Test
    void keepsRegularFilesInPathOrderAndEmptyFoldersAndSkipsLinksAndSpecialFiles() throws Exception {
        Path root = Files.createDirectories(dir.resolve("album"));
        Files.writeString(Files.createDirectories(root.resolve("raw 2024")).resolve("Ünïcode photo.cr3"), "raw");
        Files.createFile(root.resolve("zero.bin"));
        Files.writeString(root.resolve("a.txt"), "a");
        Files.createDirectories(root.resolve("empty/nested empty"));
        Files.createDirectories(root.resolve("only links"));
        Path outside = Files.writeString(dir.resolve("secret.txt"), "outside");
        Files.createSymbolicLink(root.resolve("only links/secret"), outside);
        Files.createSymbolicLink(root.resolve("up"), dir);
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe").toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();

        FolderTree tree = FolderTree.walk(root, FolderLimits.DEFAULT);

        assertThat(tree.files()).containsExactly("a.txt", "raw 2024/Ünïcode photo.cr3", "zero.bin");
        assertThat(tree.stamps()).extracting(s -> s.size()).containsExactly(1L, 3L, 0L);
        assertThat(tree.emptyFolders()).containsExactly("empty/nested empty", "only links");
        assertThat(tree.skipped()).containsExactly(new SkippedPath("only links/secret", "symbolic link"),
                new SkippedPath("pipe", "fifo"), new SkippedPath("up", "symbolic link"));
        assertThat(tree.complete()).isTrue();
        assertThat(tree.currentStamps()).isEqualTo(tree.stamps());
    }

    @Test
    void aTreeFiftyDeepIsWalkedAndOnePastTheDepthLimitIsListedForTheLimitToName() throws IOException {
        Path root = Files.createDirectories(dir.resolve("deep"));
        Path deepest = root;
        for (int i = 0; i < 50; i++) deepest = deepest.resolve("d" + i);
        Files.createDirectories(deepest);
        Files.writeString(deepest.resolve("bottom.txt"), "50 folders down");

        FolderTree tree = FolderTree.walk(root, FolderLimits.DEFAULT);
        assertThat(tree.files()).singleElement().satisfies(path -> assertThat(path.split("/")).hasSize(51));

        FolderTree limited = FolderTree.walk(root, new FolderLimits(100, 4096, 10));
        assertThat(limited.files()).isEmpty();
        assertThat(limited.emptyFolders()).singleElement().satisfies(path -> assertThat(path.split("/")).hasSize(11));
    }

    @Test
    void theWalkStopsPastTheFileLimit() throws IOException {
        Path root = Files.createDirectories(dir.resolve("many"));
        for (int i = 0; i < 20; i++) Files.createFile(root.resolve("f" + i));
        assertThat(FolderTree.walk(root, new FolderLimits(5, 4096, 64)).complete()).isFalse();
        assertThat(FolderTree.walk(root, new FolderLimits(20, 4096, 64)).complete()).isTrue();
    }

    @Test
    void tenThousandTinyFilesAreWalkedAndHashedInSeconds() throws IOException {
        Path root = Files.createDirectories(dir.resolve("tiny"));
        for (int folder = 0; folder < 100; folder++) {
            Path sub = Files.createDirectories(root.resolve("d" + folder));
            for (int file = 0; file < 100; file++) Files.writeString(sub.resolve("f" + file), "file " + folder + "/" + file);
        }
        long start = System.nanoTime();
        FolderTree tree = FolderTree.walk(root, FolderLimits.DEFAULT);
        Manifest manifest = ManifestHasher.hashFolder("tiny", tree.files(), tree.emptyFolders(),
                new FolderRoot(root, tree.files()), ManifestHasher.Checkpoint.START, (bytes, files) -> { });
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(manifest.problem()).isNull();
        assertThat(manifest.fileCount()).isEqualTo(10_000);
        assertThat(manifest.chunkCount()).isEqualTo(1);
        assertThat(took).isLessThan(Duration.ofSeconds(30));
    }
}
