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
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

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

    /** Hashing progress: bytes of the stream read and files finished, and where hashing could resume. */
    public interface Progress {
        void update(long bytes, int files);

        /** Called after each file: {@code state} tells (when asked, which costs a copy) where hashing could resume. */
        default void checkpoint(Supplier<Checkpoint> state) {
        }
    }

    /**
     * Where hashing a folder can pick up again: the sizes and SHA-256 of its first files, and the hashes of the
     * chunks that end at or after those files do. Resuming reads from the next file on, feeding the bytes before
     * the next chunk to that file's hash only.
     */
    public record Checkpoint(List<Long> sizes, List<String> sha256, List<String> chunks) {
        public static final Checkpoint START = new Checkpoint(List.of(), List.of(), List.of());

        public Checkpoint {
            sizes = List.copyOf(sizes);
            sha256 = List.copyOf(sha256);
            chunks = List.copyOf(chunks);
        }
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
                Checkpoint.START, (bytes, files) -> progress.accept(bytes));
        return new Manifest(name, hashed.sizes()[0], Manifest.CHUNK_SIZE, hashed.sha256()[0], hashed.chunks());
    }

    /**
     * Hashes a folder: {@code paths} are its regular files in path order, opened through {@code files}; the
     * sizes are what was read, so compare the files' stamps before and after. Starts {@code from} a checkpoint
     * of an earlier hashing of the same files ({@link Checkpoint#START}: from the beginning).
     */
    public static Manifest hashFolder(String name, List<String> paths, List<String> emptyFolders,
                                      ChunkStore.FolderFiles files, Checkpoint from, Progress progress) throws IOException {
        Hashed hashed = hashStream(paths.size(), files, from, progress);
        List<ManifestFile> entries = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) entries.add(new ManifestFile(paths.get(i), hashed.sizes()[i], hashed.sha256()[i]));
        return Manifest.folder(name, entries, emptyFolders, hashed.chunks());
    }

    private record Hashed(long[] sizes, String[] sha256, List<String> chunks) {
    }

    /**
     * Reads files 0 to {@code count - 1} as one stream (from the checkpoint on): each file's size and SHA-256,
     * and the stream's chunk hashes. The chunk hasher runs its tasks in order, so {@code chunks} grows in order.
     */
    private static Hashed hashStream(int count, ChunkStore.FolderFiles files, Checkpoint from, Progress progress)
            throws IOException {
        long[] sizes = new long[count];
        String[] sha256 = new String[count];
        int first = from.sizes().size();
        long done = 0;
        for (int file = 0; file < first; file++) {
            sizes[file] = from.sizes().get(file);
            sha256[file] = from.sha256().get(file);
            done += sizes[file];
        }
        long hashedUntil = (long) from.chunks().size() * Manifest.CHUNK_SIZE;
        List<String> chunks = Collections.synchronizedList(new ArrayList<>(from.chunks()));
        ChunkBuffers buffers = new ChunkBuffers(CHUNKS_IN_FLIGHT + 1, false);
        ExecutorService chunkHasher = Executors.newSingleThreadExecutor(DaemonThreads.named("chunk-hasher"));
        try {
            MessageDigest digest = ChunkVerifier.sha256();
            ByteBuffer buffer = buffers.take();
            byte[] chunk = buffer.array();
            Future<?> last = null;
            int inChunk = 0;
            for (int file = first; file < count; file++) {
                long size = 0;
                try (FileChannel channel = files.open(file, false)) {
                    while (true) {
                        // Bytes in chunks hashed before the checkpoint go to the file's hash only.
                        boolean hashed = done < hashedUntil;
                        int at = hashed ? 0 : inChunk;
                        int length = hashed ? (int) Math.min(READ_SIZE, hashedUntil - done)
                                : Math.min(READ_SIZE, Manifest.CHUNK_SIZE - inChunk);
                        int n = channel.read(ByteBuffer.wrap(chunk, at, length));
                        if (n < 0) break;
                        digest.update(chunk, at, n);
                        size += n;
                        done += n;
                        if (!hashed) inChunk += n;
                        if (inChunk == Manifest.CHUNK_SIZE) {
                            last = chunkHasher.submit(hashChunk(buffer, inChunk, buffers, chunks));
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
                int finished = file + 1;
                progress.checkpoint(() -> checkpoint(sizes, sha256, finished, chunks));
            }
            if (inChunk > 0) last = chunkHasher.submit(hashChunk(buffer, inChunk, buffers, chunks));
            if (last != null) last.get();
            return new Hashed(sizes, sha256, List.copyOf(chunks));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("hashing interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing a chunk failed", e.getCause());
        } finally {
            chunkHasher.shutdownNow();
        }
    }

    /** The chunks hashed so far, and the files of the first {@code finished} that end by the last of them. */
    private static Checkpoint checkpoint(long[] sizes, String[] sha256, int finished, List<String> chunks) {
        List<String> hashed;
        synchronized (chunks) {
            hashed = new ArrayList<>(chunks);
        }
        long boundary = (long) hashed.size() * Manifest.CHUNK_SIZE;
        List<Long> fileSizes = new ArrayList<>();
        long end = 0;
        while (fileSizes.size() < finished && end + sizes[fileSizes.size()] <= boundary) {
            end += sizes[fileSizes.size()];
            fileSizes.add(sizes[fileSizes.size()]);
        }
        return new Checkpoint(fileSizes, Arrays.asList(sha256).subList(0, fileSizes.size()), hashed);
    }

    /** Hashes the first {@code length} bytes of {@code chunk}, hands it back to {@code buffers} and adds its hash to {@code chunks}. */
    private static Runnable hashChunk(ByteBuffer chunk, int length, ChunkBuffers buffers, List<String> chunks) {
        return () -> {
            MessageDigest digest = ChunkVerifier.sha256();
            digest.update(chunk.array(), 0, length);
            buffers.release(chunk);
            chunks.add(Hex.of(digest.digest()));
        };
    }
}
