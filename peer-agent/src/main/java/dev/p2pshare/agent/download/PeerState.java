package dev.p2pshare.agent.download;

import dev.p2pshare.shared.Bitfield;

import java.util.BitSet;

/** What one download knows about one peer: what it holds, how fast it is, how it behaved. Guarded by the download's lock. */
final class PeerState {
    final String url;
    String username;
    /** The peer's chunks; null when it holds the whole file. */
    Bitfield have;
    /** Chunks this peer sent corrupt: never asked of it again. */
    final BitSet bad = new BitSet();
    /** Chunks this peer said it does not hold (404): not asked again until the next peer refresh. */
    final BitSet missing = new BitSet();
    /** Chunks in flight to this peer. */
    final BitSet asking = new BitSet();
    boolean listed = true;
    /** Stopped asking for this download (bad data); requests still in flight to it come back unheeded. */
    boolean dropped;
    int inFlight;
    int window;
    double rate;
    long bytesSinceSample;
    long bytesTotal;
    long firstRequestNanos;
    int badChunks;
    int failures;
    int missingStreak;
    long retryAtNanos;
    String lastError;

    PeerState(String url, String username, int window) {
        this.url = url;
        this.username = username;
        this.window = window;
    }

    boolean has(int chunk) {
        return !bad.get(chunk) && !missing.get(chunk) && (have == null || have.get(chunk));
    }

    boolean usable(long nowNanos) {
        return listed && nowNanos - retryAtNanos >= 0;
    }
}
