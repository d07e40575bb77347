package dev.p2pshare.agent.chunk;

import dev.p2pshare.shared.Bitfield;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The chunks of a download verified so far, kept on disk as the raw bitfield and updated one byte
 * per verified chunk, so a killed agent resumes with every chunk it had verified.
 */
public final class VerifiedChunks implements Closeable {
    private final Bitfield bits;
    private final FileChannel file;

    private VerifiedChunks(Bitfield bits, FileChannel file) {
        this.bits = bits;
        this.file = file;
    }

    /** Opens (creating if needed) the map at {@code path}; a symbolic link in its place is refused, never followed. */
    public static VerifiedChunks open(Path path, int chunkCount) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        int length = Bitfield.byteLength(chunkCount);
        Bitfield bits = new Bitfield(chunkCount);
        try {
            if (channel.size() == length) {
                ByteBuffer raw = ByteBuffer.allocate(length);
                while (raw.hasRemaining()) {
                    if (channel.read(raw, raw.position()) < 0) break;
                }
                bits = Bitfield.fromBytes(raw.array(), chunkCount);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        VerifiedChunks chunks = new VerifiedChunks(bits, channel);
        if (channel.size() != length) chunks.writeAll();
        return chunks;
    }

    /** The live bitfield (the chunk server reads it to serve what is verified). */
    public Bitfield bitfield() {
        return bits;
    }

    public synchronized void mark(int index) throws IOException {
        if (bits.set(index)) writeByte(index >>> 3);
    }

    public synchronized void unmark(int index) throws IOException {
        if (bits.clear(index)) writeByte(index >>> 3);
    }

    private void writeByte(int byteIndex) throws IOException {
        int value = 0;
        for (int bit = 0; bit < 8; bit++) {
            int chunk = byteIndex * 8 + bit;
            if (chunk < bits.size() && bits.get(chunk)) value |= 0x80 >>> bit;
        }
        ByteBuffer one = ByteBuffer.allocate(1).put(0, (byte) value);
        while (one.hasRemaining()) file.write(one, byteIndex);
    }

    private void writeAll() throws IOException {
        file.truncate(0);
        ByteBuffer all = ByteBuffer.wrap(bits.toBytes());
        long position = 0;
        while (all.hasRemaining()) position += file.write(all, position);
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }
}
