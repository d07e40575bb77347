package dev.p2pshare.agent.chunk;

import dev.p2pshare.shared.Hex;
import dev.p2pshare.shared.Manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/** Builds a file's manifest by reading it once: SHA-256 of every 512 KiB chunk and of the whole file. */
public final class ManifestHasher {
    /** Read size: a divisor of the chunk size, small enough that the JDK's per-thread I/O buffers stay small. */
    private static final int READ_SIZE = 64 * 1024;

    private ManifestHasher() {
    }

    /**
     * Hashes {@code file} under the manifest name {@code name}; {@code progress} receives the bytes
     * hashed so far after every read. The size is what was read, so compare the file's stamp before
     * and after when the file may change meanwhile.
     */
    public static Manifest hash(Path file, String name, LongConsumer progress) throws IOException {
        MessageDigest whole = ChunkVerifier.sha256();
        MessageDigest chunk = ChunkVerifier.sha256();
        List<String> chunks = new ArrayList<>();
        byte[] bytes = new byte[READ_SIZE];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long done = 0;
        int inChunk = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (true) {
                buffer.clear().limit(Math.min(READ_SIZE, Manifest.CHUNK_SIZE - inChunk));
                int n = channel.read(buffer);
                if (n < 0) break;
                whole.update(bytes, 0, n);
                chunk.update(bytes, 0, n);
                inChunk += n;
                done += n;
                if (inChunk == Manifest.CHUNK_SIZE) {
                    chunks.add(Hex.of(chunk.digest()));
                    inChunk = 0;
                }
                progress.accept(done);
            }
        }
        if (inChunk > 0) chunks.add(Hex.of(chunk.digest()));
        return new Manifest(name, done, Manifest.CHUNK_SIZE, Hex.of(whole.digest()), chunks);
    }
}
