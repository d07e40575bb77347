package dev.p2pshare.agent.download;

import okhttp3.Call;

/** One chunk asked of one peer; cancellable from another thread (endgame, pause, dropped peer). */
final class ChunkRequest implements PeerClient.Cancellation {
    final PeerState peer;
    final int index;
    /** Set (under the download's lock) once the response is read: the request no longer counts as in flight. */
    boolean slotFreed;
    private Call call;
    private boolean cancelled;

    ChunkRequest(PeerState peer, int index) {
        this.peer = peer;
        this.index = index;
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
