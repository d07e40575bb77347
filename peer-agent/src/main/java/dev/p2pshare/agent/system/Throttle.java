package dev.p2pshare.agent.system;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.local.LocalBucket;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The limits one transfer obeys (its own and the agent's), taken from as its bytes come or go. A limit
 * removed meanwhile no longer slows it; one added applies to the next transfer.
 */
public final class Throttle {
    /** The longest stretch a wait sleeps before it looks again whether the transfer was cancelled. */
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final List<RateLimit> limits;

    public Throttle(List<RateLimit> limits) {
        this.limits = List.copyOf(limits);
    }

    /**
     * Takes {@code bytes} (at most {@link RateLimit#SLICE}) from every limit, waiting until each allows
     * them; answers the nanoseconds waited. A wait ends early with InterruptedException when
     * {@code cancelled} turns true (a pause or a cancel is not held up by the limit) or the thread is interrupted.
     */
    public long take(int bytes, BooleanSupplier cancelled) throws InterruptedException {
        long start = System.nanoTime();
        BlockingStrategy sleep = nanos -> sleep(nanos, cancelled);
        for (RateLimit limit : limits) {
            LocalBucket bucket = limit.bucket();
            if (bucket != null) bucket.asBlocking().consume(bytes, sleep);
        }
        return System.nanoTime() - start;
    }

    private static void sleep(long nanos, BooleanSupplier cancelled) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            if (cancelled.getAsBoolean() || Thread.interrupted()) throw new InterruptedException("transfer cancelled");
            LockSupport.parkNanos(Math.min(left, CHECK_NANOS));
        }
    }
}
