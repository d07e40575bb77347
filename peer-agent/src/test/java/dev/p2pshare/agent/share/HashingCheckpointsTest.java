package dev.p2pshare.agent.share;

import dev.p2pshare.agent.chunk.ManifestHasher.Checkpoint;
import dev.p2pshare.agent.system.JsonFiles;
import dev.p2pshare.shared.FolderLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HashingCheckpointsTest {
    @TempDir
    Path dir;

    @Test
    void aCheckpointCountsOnlyForTheSameTreeUntouched() throws Exception {
        Path root = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(root.resolve("a.txt"), "a");
        Files.writeString(root.resolve("b.txt"), "b");
        HashingCheckpoints checkpoints = new HashingCheckpoints(new JsonFiles(JsonMapper.builder().build()),
                Files.createDirectories(dir.resolve("home")));
        FolderTree tree = FolderTree.walk(root, FolderLimits.DEFAULT);
        Checkpoint checkpoint = new Checkpoint(List.of(1L), List.of("a".repeat(64)), List.of());
        assertThat(checkpoints.load("g", tree)).isEqualTo(Checkpoint.START);

        HashingCheckpoints.Saver saver = checkpoints.saver("g", tree);
        Thread.sleep(3100); // the saver writes at most every 3 s
        saver.offer(() -> checkpoint);
        assertThat(checkpoints.load("g", tree)).isEqualTo(checkpoint);
        assertThat(checkpoints.load("other", tree)).isEqualTo(Checkpoint.START);

        Files.setLastModifiedTime(root.resolve("b.txt"), FileTime.fromMillis(1000));
        assertThat(checkpoints.load("g", FolderTree.walk(root, FolderLimits.DEFAULT))).isEqualTo(Checkpoint.START);
        checkpoints.delete("g", root);
        assertThat(dir.resolve("home")).isEmptyDirectory();
    }
}
