package dev.p2pshare.agent.serve;

import dev.p2pshare.agent.chunk.ChunkBuffers;
import dev.p2pshare.agent.system.AgentSettings;
import dev.p2pshare.agent.system.RateLimits;
import dev.p2pshare.agent.system.Throttle;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;

/**
 * Bounds the chunk server: at most {@code max-uploads} chunks in flight (each with its own pooled
 * buffer), and, when an upload limit is set ({@link RateLimits}), paces the bytes of all uploads together.
 */
@Component
public class UploadSlots {
    private final Semaphore slots;
    private final ChunkBuffers buffers;
    private final RateLimits limits;

    public UploadSlots(AgentSettings settings, RateLimits limits) {
        this.slots = new Semaphore(settings.maxUploads());
        this.buffers = new ChunkBuffers(settings.maxUploads(), false);
        this.limits = limits;
    }

    /** A buffer for one upload, or null when every slot is busy. */
    public ByteBuffer tryAcquire() {
        if (!slots.tryAcquire()) return null;
        try {
            return buffers.take();
        } catch (InterruptedException e) {
            slots.release();
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public void release(ByteBuffer buffer) {
        buffers.release(buffer);
        slots.release();
    }

    /** What paces an upload to the peer at {@code address}, or null when nothing limits it. */
    public Throttle throttle(String address) {
        return limits.forUpload(address);
    }
}
