package dev.p2pshare.agent.serve;

import dev.p2pshare.agent.chunk.ChunkBuffers;
import dev.p2pshare.agent.system.AgentSettings;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the chunk server: at most {@code max-uploads} chunks in flight (each with its own pooled
 * buffer), and, when {@code max-upload-rate} is set, paces the bytes of all uploads together.
 */
@Component
public class UploadSlots {
    private final Semaphore slots;
    private final ChunkBuffers buffers;
    private final long bytesPerSecond;
    private long nextFreeNanos = System.nanoTime();

    public UploadSlots(AgentSettings settings) {
        this.slots = new Semaphore(settings.maxUploads());
        this.buffers = new ChunkBuffers(settings.maxUploads(), false);
        this.bytesPerSecond = settings.maxUploadBytesPerSecond();
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

    public boolean paced() {
        return bytesPerSecond > 0;
    }

    /** Waits until {@code bytes} more may be sent under the upload rate limit. */
    public void pace(int bytes) throws InterruptedException {
        if (bytesPerSecond <= 0) return;
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long start = Math.max(now, nextFreeNanos);
            nextFreeNanos = start + TimeUnit.SECONDS.toNanos(bytes) / bytesPerSecond;
            wait = nextFreeNanos - now;
        }
        if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
    }
}
