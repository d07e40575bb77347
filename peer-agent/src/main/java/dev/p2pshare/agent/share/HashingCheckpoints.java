package dev.p2pshare.agent.share;

import dev.p2pshare.agent.chunk.ChunkVerifier;
import dev.p2pshare.agent.chunk.FileStamp;
import dev.p2pshare.agent.chunk.ManifestHasher.Checkpoint;
import dev.p2pshare.agent.system.JsonFiles;
import dev.p2pshare.shared.Hex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * How far hashing each folder got, saved in the home every few seconds ({@code hashing-<id>.json}), so that
 * sharing the same folder again after the agent stopped mid-way hashes only the files it had not reached. A
 * checkpoint counts only for the same files with the same stamps and the same empty folders.
 */
final class HashingCheckpoints {
    private static final Logger log = LoggerFactory.getLogger(HashingCheckpoints.class);
    private static final long SAVE_EVERY_NANOS = Duration.ofSeconds(3).toNanos();

    private final JsonFiles json;
    private final Path home;

    /** What is saved: the tree as walked, and the checkpoint. */
    record Saved(String group, String path, List<String> files, List<FileStamp> stamps, List<String> emptyFolders,
                 Checkpoint checkpoint) {
    }

    HashingCheckpoints(JsonFiles json, Path home) {
        this.json = json;
        this.home = home;
    }

    /** Where hashing {@code tree} for {@code group} may resume: a saved checkpoint of the same tree, else the start. */
    Checkpoint load(String group, FolderTree tree) {
        Path file = file(group, tree.root());
        if (!Files.exists(file)) return Checkpoint.START;
        try {
            Saved saved = json.read(file, Saved.class);
            if (saved.files().equals(tree.files()) && saved.stamps().equals(tree.stamps())
                    && saved.emptyFolders().equals(tree.emptyFolders())) {
                log.info("hashing {} resumes after {} of {} files", tree.root(), saved.checkpoint().sizes().size(),
                        tree.files().size());
                return saved.checkpoint();
            }
        } catch (RuntimeException e) {
            log.warn("ignoring the hashing checkpoint {}: {}", file, e.getMessage());
        }
        return Checkpoint.START;
    }

    /** Saves checkpoints of hashing {@code tree}, one every few seconds at most. */
    Saver saver(String group, FolderTree tree) {
        return new Saver(group, tree);
    }

    void delete(String group, Path root) {
        try {
            Files.deleteIfExists(file(group, root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String group, Path root) {
        byte[] id = ChunkVerifier.sha256().digest((group + "\n" + root).getBytes(StandardCharsets.UTF_8));
        return home.resolve("hashing-" + Hex.of(id).substring(0, 16) + ".json");
    }

    /** Writes the checkpoint it is offered when the last one is a few seconds old. */
    final class Saver {
        private final String group;
        private final FolderTree tree;
        private long savedAt = System.nanoTime();

        private Saver(String group, FolderTree tree) {
            this.group = group;
            this.tree = tree;
        }

        void offer(Supplier<Checkpoint> state) {
            long now = System.nanoTime();
            if (now - savedAt < SAVE_EVERY_NANOS) return;
            savedAt = now;
            json.write(file(group, tree.root()), new Saved(group, tree.root().toString(), tree.files(), tree.stamps(),
                    tree.emptyFolders(), state.get()));
        }
    }
}
