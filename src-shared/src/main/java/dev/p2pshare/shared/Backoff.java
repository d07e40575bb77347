package dev.p2pshare.shared;

import java.time.Duration;

/**
 * Exponential backoff: the delay before retry number {@code attempt} is {@code base}, doubled for every
 * attempt after the first, at most {@code cap}; no delay before the first try (attempt 0).
 */
public record Backoff(Duration base, Duration cap) {
    public Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap");
        }
    }

    public Duration delay(int attempt) {
        if (attempt <= 0) return Duration.ZERO;
        int shift = attempt - 1;
        long base = this.base.toNanos();
        long cap = this.cap.toNanos();
        if (shift >= Long.SIZE - 2 || base > cap >> shift) return this.cap;
        return Duration.ofNanos(base << shift);
    }
}
