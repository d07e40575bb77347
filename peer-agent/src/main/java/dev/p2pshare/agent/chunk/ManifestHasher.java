package dev.p2pshare.agent.chunk;

import dev.p2pshare.agent.system.DaemonThreads;
import dev.p2pshare.shared.Hex;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.ManifestFile;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Builds a manifest by reading a file, or a folder's files in order as one stream, once: the SHA-256 of
 * every file on the reading thread and of every 512 KiB chunk of the stream on a second thread, so the two
 * hashes of each byte run side by side on two cores.
 */
public final class ManifestHasher {
    /** Read size: a divisor of the chunk size, small enough that the JDK's per-thread I/O buffers stay small. */
    private static final int READ_SIZE = 64 * 1024;
    /** Full chunks waiting for their hash at most; beyond, the reader waits (memory stays a few chunks). */
    private static final int CHUNKS_IN_FLIGHT = 4;

    /** Hashing progress: bytes of the stream read and files finished. */
    public interface Progress {
        void update(long bytes, int files);
    }

    private ManifestHasher() {
    }

    /**
     * Hashes {@code file} under the manifest name {@code name}; {@code progress} receives the bytes
     * hashed so far after every read. The size is what was read, so compare the file's stamp before
     * and after when the file may change meanwhile.
     */
    public static Manifest hash(Path file, String name, LongConsumer progress) throws IOException {
        Hashed hashed = hashStream(1, (index, write) -> FileChannel.open(file, StandardOpenOption.READ),
                (bytes, files) -> progress.accept(bytes));
        return new Manifest(name, hashed.sizes()[0], Manifest.CHUNK_SIZE, hashed.sha256()[0], hashed.chunks());
    }

    /**
     * Hashes a folder: {@code paths} are its regular files in path order, opened through {@code files}; the
     * sizes are what was read, so compare the files' stamps before and after.
     */
    public static Manifest hashFolder(String name, List<String> paths, List<String> emptyFolders,
                                      ChunkStore.FolderFiles files, Progress progress) throws IOException {
        Hashed hashed = hashStream(paths.size(), files, progress);
        List<ManifestFile> entries = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) entries.add(new ManifestFile(paths.get(i), hashed.sizes()[i], hashed.sha256()[i]));
        return Manifest.folder(name, entries, emptyFolders, hashed.chunks());
    }

    private record Hashed(long[] sizes, String[] sha256, List<String> chunks) {
    }

    /** Reads files 0 to {@code count - 1} as one stream: each file's size and SHA-256, and the stream's chunk hashes. */
    private static Hashed hashStream(int count, ChunkStore.FolderFiles files, Progress progress) throws IOException {
        long[] sizes = new long[count];
        String[] sha256 = new String[count];
        List<Future<String>> chunks = new ArrayList<>();
        ChunkBuffers buffers = new ChunkBuffers(CHUNKS_IN_FLIGHT + 1, false);
        ExecutorService chunkHasher = Executors.newSingleThreadExecutor(DaemonThreads.named("chunk-hasher"));
        try {
            MessageDigest digest = ChunkVerifier.sha256();
            ByteBuffer buffer = buffers.take();
            byte[] chunk = buffer.array();
            int inChunk = 0;
            long done = 0;
            for (int file = 0; file < count; file++) {
                long size = 0;
                try (FileChannel channel = files.open(file, false)) {
                    while (true) {
                        int n = channel.read(ByteBuffer.wrap(chunk, inChunk, Math.min(READ_SIZE, Manifest.CHUNK_SIZE - inChunk)));
                        if (n < 0) break;
                        digest.update(chunk, inChunk, n);
                        inChunk += n;
                        size += n;
                        done += n;
                        if (inChunk == Manifest.CHUNK_SIZE) {
                            chunks.add(chunkHasher.submit(hashChunk(buffer, inChunk, buffers)));
                            buffer = buffers.take();
                            chunk = buffer.array();
                            inChunk = 0;
                        }
                        progress.update(done, file);
                    }
                }
                sizes[file] = size;
                sha256[file] = Hex.of(digest.digest());
                progress.update(done, file + 1);
            }
            if (inChunk > 0) chunks.add(chunkHasher.submit(hashChunk(buffer, inChunk, buffers)));
            List<String> hashes = new ArrayList<>(chunks.size());
            for (Future<String> hash : chunks) hashes.add(hash.get());
            return new Hashed(sizes, sha256, hashes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("hashing interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing a chunk failed", e.getCause());
        } finally {
            chunkHasher.shutdownNow();
        }
    }

    /** Hashes the first {@code length} bytes of {@code chunk}, then hands it back to {@code buffers}. */
    private static Callable<String> hashChunk(ByteBuffer chunk, int length, ChunkBuffers buffers) {
        return () -> {
            MessageDigest digest = ChunkVerifier.sha256();
            digest.update(chunk.array(), 0, length);
            buffers.release(chunk);
            return Hex.of(digest.digest());
        };
    }
}
