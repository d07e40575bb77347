package dev.p2pshare.agent.download;

import okhttp3.Call;

/**
 * A run of neighbouring chunks ({@code first} to {@code first + count - 1}) asked of one peer in one
 * request; cancellable from another thread (endgame, pause, dropped peer).
 */
final class ChunkRequest implements PeerClient.Cancellation {
    final PeerState peer;
    final int first;
    final int count;
    /** How many chunks of the run are settled, from {@code first} on (under the download's lock). */
    int settled;
    /** Set (under the download's lock) once the last chunk is read: the request no longer counts as in flight. */
    boolean slotFreed;
    private Call call;
    private boolean cancelled;

    ChunkRequest(PeerState peer, int first, int count) {
        this.peer = peer;
        this.first = first;
        this.count = count;
    }

    /** The chunk of the run to settle next. */
    int current() {
        return first + settled;
    }

    @Override
    public synchronized boolean attach(Call call) {
        this.call = call;
        if (cancelled) call.cancel();
        return !cancelled;
    }

    synchronized void cancel() {
        cancelled = true;
        if (call != null) call.cancel();
    }

    @Override
    public synchronized boolean cancelled() {
        return cancelled;
    }
}
