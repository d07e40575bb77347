package dev.p2pshare.agent.download;

/** Bytes per second, smoothed over samples; guarded by its owner's lock. */
final class RateMeter {
    private double rate;
    private long bytesSinceSample;

    void add(long bytes) {
        bytesSinceSample += bytes;
    }

    /** Folds the bytes added over the last {@code seconds} into the rate. */
    void sample(double seconds) {
        double current = bytesSinceSample / seconds;
        rate = rate == 0 ? current : 0.6 * rate + 0.4 * current;
        bytesSinceSample = 0;
    }

    double rate() {
        return rate;
    }

    void reset() {
        rate = 0;
        bytesSinceSample = 0;
    }
}
