package dev.p2pshare.agent.system;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.local.LocalBucket;

import java.time.Duration;

/**
 * One rate limit (the agent's downloads, its uploads, or one download), changeable while transfers run:
 * a Bucket4j token bucket of bytes, or none at all when unlimited. A change keeps the bucket (and what
 * it owes), so transfers in the middle of a chunk follow the new rate at their next read.
 */
public final class RateLimit {
    /** The most bytes one transfer takes at once: buckets hold at least this much. */
    public static final int SLICE = 16 * 1024;
    /**
     * The burst a bucket allows, as a share of a second's rate: small, so that rates hold over short spans
     * (and a new bucket starts empty, or a transfer's first moment would be a burst).
     */
    private static final int BURST_DIVISOR = 5;

    private volatile LocalBucket bucket;
    private volatile long bytesPerSecond;

    public RateLimit(long bytesPerSecond) {
        set(bytesPerSecond);
    }

    /** Bytes per second, 0 for none. */
    public long rate() {
        return bytesPerSecond;
    }

    /** The bucket to take bytes from, or null when unlimited. */
    LocalBucket bucket() {
        return bucket;
    }

    public synchronized void set(long newBytesPerSecond) {
        if (newBytesPerSecond < 0) throw new IllegalArgumentException("a rate cannot be negative");
        if (newBytesPerSecond == 0) {
            bucket = null;
        } else if (bucket == null) {
            bucket = Bucket.builder().withNanosecondPrecision().addLimit(bandwidth(newBytesPerSecond)).build();
        } else if (newBytesPerSecond != bytesPerSecond) {
            bucket.replaceConfiguration(BucketConfiguration.builder().addLimit(bandwidth(newBytesPerSecond)).build(),
                    TokensInheritanceStrategy.AS_IS);
        }
        bytesPerSecond = newBytesPerSecond;
    }

    private static Bandwidth bandwidth(long bytesPerSecond) {
        long capacity = Math.max(SLICE, bytesPerSecond / BURST_DIVISOR);
        return Bandwidth.builder().capacity(capacity).refillGreedy(bytesPerSecond, Duration.ofSeconds(1))
                .initialTokens(0).build();
    }
}
