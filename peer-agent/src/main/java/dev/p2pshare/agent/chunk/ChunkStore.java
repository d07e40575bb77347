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
 * keeps one channel open; a folder opens the files a chunk covers ({@link FolderLayout}) through
 * {@link FolderFiles}, which decides where they are and refuses to follow links, and keeps the last few
 * open ({@link OpenFiles}) until {@link #close}.
 */
public final class ChunkStore implements Closeable {
    private static final int HEAP_READ_SIZE = 64 * 1024;
    /** A folder's files kept open: those of a few chunks of small files. */
    private static final int OPEN_FILES = 32;

    /**
     * Opens file {@code file} (manifest order) of a folder for reading or for writing; for writing it may
     * answer null: that file takes no more bytes (a download has already checked it and put it in place).
     */
    public interface FolderFiles {
        FileChannel open(int file, boolean write) throws IOException;

        /**
         * What one store opens its files through, one at a time, closed with the store: these files, or an opener
         * that keeps what neighbouring files share (their folders) open between them.
         */
        default Opener opener() {
            return this::open;
        }
    }

    /** Opens a folder's files for one store, one at a time; closed with the store. */
    public interface Opener extends Closeable {
        FileChannel open(int file, boolean write) throws IOException;

        @Override
        default void close() throws IOException {
            // Nothing kept open between files.
        }
    }

    private final Manifest manifest;
    private final FileChannel channel;
    private final FolderLayout layout;
    private final OpenFiles files;
    /** The folder's files that writes go to (a download of some of them); null: all. */
    private final BitSet written;

    private ChunkStore(Manifest manifest, FileChannel channel, FolderLayout layout, FolderFiles files, BitSet written) {
        this.manifest = manifest;
        this.channel = channel;
        this.layout = layout;
        this.files = files == null ? null : new OpenFiles(files.opener(), OPEN_FILES);
        this.written = written;
    }

    public static ChunkStore openForReading(Path file, Manifest manifest) throws IOException {
        return new ChunkStore(manifest, FileChannel.open(file, StandardOpenOption.READ), null, null, null);
    }

    /**
     * Opens (creating if needed) a file to write chunks into; existing bytes are kept, for resuming. A
     * symbolic link in its place is refused, never followed.
     */
    public static ChunkStore openForWriting(Path file, Manifest manifest) throws IOException {
        return new ChunkStore(manifest, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), null, null, null);
    }

    /**
     * A folder's chunks, lying as {@code layout} says, in the files {@code files} opens; writes go only to the
     * files in {@code written} (null: all), the other bytes of a chunk are dropped.
     */
    public static ChunkStore openFolder(FolderLayout layout, FolderFiles files, BitSet written) {
        return new ChunkStore(layout.manifest(), null, layout, Objects.requireNonNull(files), written);
    }

    /** Reads chunk {@code index} into {@code buffer} (cleared first) and flips it; fails if a file is too short. */
    public ByteBuffer read(int index, ByteBuffer buffer) throws IOException {
        int length = manifest.chunkLength(index);
        buffer.clear();
        if (layout == null) {
            readFully(channel, buffer, manifest.offset(index), length, index);
        } else {
            for (FolderLayout.Span span : layout.spans(index)) {
                try (OpenFiles.Use file = files.use(span.file(), false)) {
                    readFully(file.channel(), buffer, span.fileOffset(), span.length(), index);
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
            try (OpenFiles.Use file = files.use(span.file(), true)) {
                if (file != null) writeFully(file.channel(), slice, span.fileOffset());
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
            try (OpenFiles.Use file = files.use(i, true)) {
                if (file != null) setLength(file.channel(), manifest.files().get(i).size());
            }
        }
    }

    private static void setLength(FileChannel file, long size) throws IOException {
        if (file.size() > size) file.truncate(size);
        if (file.size() < size) file.write(ByteBuffer.allocate(1), size - 1);
    }

    /** Closes folder file {@code file} if it is open here (once no thread uses it): it takes no more bytes. */
    public void closeFile(int file) throws IOException {
        files.drop(file);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) channel.close();
        if (files != null) files.close();
    }
}
