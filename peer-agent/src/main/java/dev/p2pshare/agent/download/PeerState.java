package dev.p2pshare.agent.download;

import dev.p2pshare.shared.Backoff;
import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;
import okhttp3.HttpUrl;

import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;

/**
 * What one download knows about one peer: what it holds, how fast it is, how it behaved, and so how
 * many requests it gets. Guarded by the download's lock.
 */
final class PeerState {
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));
    /** This many 404s in a row and the peer is left alone until the next peer refresh. */
    private static final int MISSING_STREAK_LIMIT = 3;
    /** A peer gets enough requests to keep it busy this long at its measured rate. */
    private static final double QUEUE_SECONDS = 0.5;
    /** A peer that sent nothing this long after its first request is sized by its (zero) rate too. */
    private static final long MEASURED_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** The URL as the tracker lists it (the peer's identity in this download). */
    final String url;
    /** Where its chunk server answers. */
    final HttpUrl origin;
    private String username;
    /** The peer's chunks; null when it holds the whole file. */
    private Bitfield have;
    /** Chunks this peer sent corrupt: never asked of it again. */
    private final BitSet bad = new BitSet();
    /** Chunks this peer said it does not hold (404): not asked again until the next peer refresh. */
    private final BitSet missing = new BitSet();
    /** Chunks in flight to this peer. */
    private final BitSet asking = new BitSet();
    private final RateMeter rate = new RateMeter();
    private boolean listed = true;
    /** Stopped asking for this download; requests still in flight to it come back unheeded. */
    private boolean dropped;
    private int inFlight;
    private int window;
    private long bytesTotal;
    private long firstRequestNanos;
    private int badChunks;
    private int failures;
    private int missingStreak;
    private long retryAtNanos;

    PeerState(String url, HttpUrl origin, String username, int window) {
        this.url = url;
        this.origin = origin;
        this.username = username;
        this.window = window;
    }

    String username() {
        return username;
    }

    boolean has(int chunk) {
        return !bad.get(chunk) && !missing.get(chunk) && (have == null || have.get(chunk));
    }

    boolean asking(int chunk) {
        return asking.get(chunk);
    }

    boolean listed() {
        return listed;
    }

    boolean dropped() {
        return dropped;
    }

    boolean usable(long nowNanos) {
        return listed && nowNanos - retryAtNanos >= 0;
    }

    int inFlight() {
        return inFlight;
    }

    /**
     * Whether a request for a run of {@code run} chunks fits its window now (the whole window, when that is
     * smaller): room freed chunk by chunk is handed out as whole runs, not as single chunks.
     */
    boolean hasRoom(int run) {
        return window - inFlight >= Math.min(run, window);
    }

    /** How many more chunks its window takes now. */
    int room() {
        return Math.max(0, window - inFlight);
    }

    /** How busy the peer is for its window (0 idle, 1 full). */
    double load() {
        return (double) inFlight / window;
    }

    double rate() {
        return rate.rate();
    }

    /** Listed again by a peer refresh, holding {@code chunks} (null: the whole file); its 404s are forgotten. */
    void relist(String name, Bitfield chunks) {
        username = name;
        have = chunks;
        listed = true;
        missing.clear();
        missingStreak = 0;
    }

    /** The peer's own word on the chunks it holds. */
    void holds(Bitfield chunks) {
        have = chunks;
    }

    void unlist() {
        listed = false;
    }

    void drop() {
        dropped = true;
        listed = false;
    }

    void requested(int chunk, long nowNanos) {
        asking.set(chunk);
        inFlight++;
        if (firstRequestNanos == 0) firstRequestNanos = nowNanos;
    }

    /** The chunk is settled: it no longer takes a place in the window. */
    void settled(int chunk) {
        asking.clear(chunk);
        inFlight--;
    }

    void received(int length) {
        bytesTotal += length;
        rate.add(length);
        failures = 0;
        missingStreak = 0;
    }

    /** The peer sent {@code chunk} corrupt; returns how many it sent corrupt so far. */
    int sentBad(int chunk) {
        bad.set(chunk);
        return ++badChunks;
    }

    /** The peer said it does not hold {@code chunk}. */
    void lacks(int chunk) {
        missing.set(chunk);
        if (++missingStreak >= MISSING_STREAK_LIMIT) listed = false;
    }

    /** The peer is busy: fewer requests, none before it said to retry. */
    void busy(long nowNanos, long retryAfterMillis) {
        retryAtNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(retryAfterMillis);
        window = Math.max(1, window - 1);
    }

    /** A request failed: the peer rests with exponential backoff; returns the failures in a row. */
    int failed(long nowNanos) {
        failures++;
        retryAtNanos = nowNanos + BACKOFF.delay(failures).toNanos();
        return failures;
    }

    /** Folds the last {@code seconds} into the peer's rate and sizes its window by that rate. */
    void sample(double seconds, long nowNanos, int maxWindow) {
        rate.sample(seconds);
        boolean measured = bytesTotal > 0 || (firstRequestNanos != 0 && nowNanos - firstRequestNanos > MEASURED_AFTER_NANOS);
        if (measured) {
            int wanted = (int) Math.ceil(rate.rate() * QUEUE_SECONDS / Manifest.CHUNK_SIZE);
            window = Math.max(1, Math.min(maxWindow, wanted));
        }
    }
}
