package dev.p2pshare.agent.chunk;

import dev.p2pshare.shared.Manifest;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of chunk-sized buffers: what keeps the agent's memory independent of file sizes.
 * Buffers are created on first need, at most {@code capacity} of them. Direct buffers suit socket
 * and file channels; heap buffers suit the servlet API, which copies anything else into a new array.
 */
public final class ChunkBuffers {
    private final int capacity;
    private final boolean direct;
    private final BlockingQueue<ByteBuffer> free;
    private final AtomicInteger created = new AtomicInteger();

    public ChunkBuffers(int capacity, boolean direct) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1");
        this.capacity = capacity;
        this.direct = direct;
        this.free = new ArrayBlockingQueue<>(capacity);
    }

    /** A cleared buffer; waits for one to be released when all {@code capacity} are in use. */
    public ByteBuffer take() throws InterruptedException {
        ByteBuffer buffer = free.poll();
        if (buffer == null) {
            if (created.incrementAndGet() <= capacity) {
                return direct ? ByteBuffer.allocateDirect(Manifest.CHUNK_SIZE) : ByteBuffer.allocate(Manifest.CHUNK_SIZE);
            }
            created.decrementAndGet();
            buffer = free.take();
        }
        return buffer.clear();
    }

    public void release(ByteBuffer buffer) {
        if (buffer != null && !free.offer(buffer)) {
            throw new IllegalStateException("released more buffers than taken");
        }
    }

    public int capacity() {
        return capacity;
    }
}
