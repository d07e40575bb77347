package dev.p2pshare.agent;

import dev.p2pshare.agent.chunk.ChunkVerifier;
import dev.p2pshare.shared.Hex;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.ManifestFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A folder tree written for a test, with its manifest (files in path order chunked as one stream). */
public record TestFolder(Path root, Manifest manifest) {

    /** Writes {@code sizes} (path to size; random bytes) and {@code emptyFolders} under {@code root}. */
    public static TestFolder write(Path root, Map<String, Integer> sizes, List<String> emptyFolders) throws IOException {
        Map<String, Integer> ordered = new TreeMap<>(sizes);
        Random random = new Random(root.toString().hashCode());
        List<ManifestFile> files = new ArrayList<>();
        List<String> chunks = new ArrayList<>();
        MessageDigest chunk = ChunkVerifier.sha256();
        int inChunk = 0;
        for (Map.Entry<String, Integer> entry : ordered.entrySet()) {
            byte[] bytes = new byte[entry.getValue()];
            random.nextBytes(bytes);
            Path file = root.resolve(entry.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            files.add(new ManifestFile(entry.getKey(), bytes.length, Hex.of(ChunkVerifier.sha256().digest(bytes))));
            for (int at = 0; at < bytes.length; ) {
                int n = Math.min(bytes.length - at, Manifest.CHUNK_SIZE - inChunk);
                chunk.update(bytes, at, n);
                at += n;
                inChunk += n;
                if (inChunk == Manifest.CHUNK_SIZE) {
                    chunks.add(Hex.of(chunk.digest()));
                    inChunk = 0;
                }
            }
        }
        if (inChunk > 0) chunks.add(Hex.of(chunk.digest()));
        for (String folder : emptyFolders) Files.createDirectories(root.resolve(folder));
        return new TestFolder(root, Manifest.folder(root.getFileName().toString(), files,
                emptyFolders.stream().sorted().toList(), chunks));
    }

    public Path file(String path) {
        return root.resolve(path);
    }

    /** Asserts that {@code copy} holds this tree: the same folders and files, byte for byte, and nothing more. */
    public void assertCopiedTo(Path copy) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path from : walk.toList()) {
                Path to = copy.resolve(root.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    assertThat(to).isDirectory();
                } else {
                    assertThat(Files.mismatch(to, from)).as(to + " differs").isEqualTo(-1L);
                }
            }
        }
        try (Stream<Path> copied = Files.walk(copy); Stream<Path> originals = Files.walk(root)) {
            assertThat(copied.count()).as("nothing more in " + copy).isEqualTo(originals.count());
        }
    }
}
