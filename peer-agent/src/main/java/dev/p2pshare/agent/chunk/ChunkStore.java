package dev.p2pshare.agent.chunk;

import dev.p2pshare.shared.Manifest;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.Objects;

/**
 * The chunks of one file, or of a folder's files, on disk, read and written at their offsets through
 * FileChannels (safe for concurrent use by several threads: every access is positional). A single file
 * keeps one channel open; a folder opens the files a chunk covers for each access ({@link FolderLayout}),
 * through {@link FolderFiles}, which decides where they are and refuses to follow links.
 */
public final class ChunkStore implements Closeable {
    private static final int HEAP_READ_SIZE = 64 * 1024;

    /**
     * Opens file {@code file} (manifest order) of a folder for reading or for writing; for writing it may
     * answer null: that file takes no more bytes (a download has already checked it and put it in place).
     */
    public interface FolderFiles {
        FileChannel open(int file, boolean write) throws IOException;
    }

    private final Manifest manifest;
    private final FileChannel channel;
    private final FolderLayout layout;
    private final FolderFiles files;
    /** The folder's files that writes go to (a download of some of them); null: all. */
    private final BitSet written;

    private ChunkStore(Manifest manifest, FileChannel channel, FolderFiles files, BitSet written) {
        this.manifest = manifest;
        this.channel = channel;
        this.layout = files == null ? null : new FolderLayout(manifest);
        this.files = files;
        this.written = written;
    }

    public static ChunkStore openForReading(Path file, Manifest manifest) throws IOException {
        return new ChunkStore(manifest, FileChannel.open(file, StandardOpenOption.READ), null, null);
    }

    /**
     * Opens (creating if needed) a file to write chunks into; existing bytes are kept, for resuming. A
     * symbolic link in its place is refused, never followed.
     */
    public static ChunkStore openForWriting(Path file, Manifest manifest) throws IOException {
        return new ChunkStore(manifest, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), null, null);
    }

    /**
     * A folder's chunks in the files {@code files} opens; writes go only to the files in {@code written}
     * (null: all), the other bytes of a chunk are dropped.
     */
    public static ChunkStore openFolder(Manifest manifest, FolderFiles files, BitSet written) {
        return new ChunkStore(manifest, null, Objects.requireNonNull(files), written);
    }

    /** Reads chunk {@code index} into {@code buffer} (cleared first) and flips it; fails if a file is too short. */
    public ByteBuffer read(int index, ByteBuffer buffer) throws IOException {
        int length = manifest.chunkLength(index);
        buffer.clear();
        if (layout == null) {
            readFully(channel, buffer, manifest.offset(index), length, index);
        } else {
            for (FolderLayout.Span span : layout.spans(index)) {
                try (FileChannel file = files.open(span.file(), false)) {
                    readFully(file, buffer, span.fileOffset(), span.length(), index);
                }
            }
        }
        return buffer.flip();
    }

    /** Reads {@code length} bytes at {@code position} of {@code from} into {@code buffer} at its position. */
    private static void readFully(FileChannel from, ByteBuffer buffer, long position, int length, int index)
            throws IOException {
        int end = buffer.position() + length;
        long delta = position - buffer.position();
        while (buffer.position() < end) {
            // Heap buffers go through a per-thread native buffer of the read's size: keep reads small.
            int step = buffer.isDirect() ? end : Math.min(end, buffer.position() + HEAP_READ_SIZE);
            buffer.limit(step);
            int n = from.read(buffer, delta + buffer.position());
            if (n < 0) throw new EOFException("file ends inside chunk " + index);
        }
    }

    /** Writes the remaining bytes of {@code data} (exactly one chunk) at chunk {@code index}'s offset. */
    public void write(int index, ByteBuffer data) throws IOException {
        if (data.remaining() != manifest.chunkLength(index)) {
            throw new IllegalArgumentException("chunk " + index + " has " + manifest.chunkLength(index) + " bytes, not "
                    + data.remaining());
        }
        if (layout == null) {
            writeFully(channel, data.duplicate(), manifest.offset(index));
            return;
        }
        for (FolderLayout.Span span : layout.spans(index)) {
            if (written != null && !written.get(span.file())) continue;
            ByteBuffer slice = data.duplicate();
            slice.position(data.position() + span.chunkOffset()).limit(data.position() + span.chunkOffset() + span.length());
            try (FileChannel file = files.open(span.file(), true)) {
                if (file != null) writeFully(file, slice, span.fileOffset());
            }
        }
    }

    private static void writeFully(FileChannel to, ByteBuffer view, long position) throws IOException {
        long delta = position - view.position();
        while (view.hasRemaining()) {
            to.write(view, delta + view.position());
        }
    }

    /**
     * Fixes the file's length at the manifest's size (a sparse file until every chunk is written); for a
     * folder, the length of every file written to.
     */
    public void setLength() throws IOException {
        if (layout == null) {
            setLength(channel, manifest.size());
            return;
        }
        for (int i = 0; i < manifest.files().size(); i++) {
            if (written != null && !written.get(i)) continue;
            try (FileChannel file = files.open(i, true)) {
                if (file != null) setLength(file, manifest.files().get(i).size());
            }
        }
    }

    private static void setLength(FileChannel file, long size) throws IOException {
        if (file.size() > size) file.truncate(size);
        if (file.size() < size) file.write(ByteBuffer.allocate(1), size - 1);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) channel.close();
    }
}
