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

/**
 * The chunks of one file on disk, read and written at their offsets through a FileChannel (safe
 * for concurrent use by several threads: every access is positional).
 */
public final class ChunkStore implements Closeable {
    private static final int HEAP_READ_SIZE = 64 * 1024;
    private final Manifest manifest;
    private final FileChannel channel;

    private ChunkStore(Manifest manifest, FileChannel channel) {
        this.manifest = manifest;
        this.channel = channel;
    }

    public static ChunkStore openForReading(Path file, Manifest manifest) throws IOException {
        return new ChunkStore(manifest, FileChannel.open(file, StandardOpenOption.READ));
    }

    /**
     * Opens (creating if needed) a file to write chunks into; existing bytes are kept, for resuming. A
     * symbolic link in its place is refused, never followed.
     */
    public static ChunkStore openForWriting(Path file, Manifest manifest) throws IOException {
        return new ChunkStore(manifest, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
    }

    /** Reads chunk {@code index} into {@code buffer} (cleared first) and flips it; fails if the file is too short. */
    public ByteBuffer read(int index, ByteBuffer buffer) throws IOException {
        int length = manifest.chunkLength(index);
        long position = manifest.offset(index);
        buffer.clear();
        while (buffer.position() < length) {
            // Heap buffers go through a per-thread native buffer of the read's size: keep reads small.
            int step = buffer.isDirect() ? length : Math.min(length, buffer.position() + HEAP_READ_SIZE);
            buffer.limit(step);
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) throw new EOFException("file ends inside chunk " + index);
        }
        return buffer.flip();
    }

    /** Writes the remaining bytes of {@code data} (exactly one chunk) at chunk {@code index}'s offset. */
    public void write(int index, ByteBuffer data) throws IOException {
        if (data.remaining() != manifest.chunkLength(index)) {
            throw new IllegalArgumentException("chunk " + index + " has " + manifest.chunkLength(index) + " bytes, not "
                    + data.remaining());
        }
        ByteBuffer view = data.duplicate();
        long position = manifest.offset(index);
        while (view.hasRemaining()) {
            channel.write(view, position + view.position() - data.position());
        }
    }

    /** Fixes the file's length at the manifest's size (a sparse file until every chunk is written). */
    public void setLength() throws IOException {
        if (channel.size() > manifest.size()) channel.truncate(manifest.size());
        if (channel.size() < manifest.size()) {
            channel.write(ByteBuffer.allocate(1), manifest.size() - 1);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
