package dev.p2pshare.shared.control;

import java.util.List;

/**
 * One download's progress: {@code GET /control/downloads} lists them, {@code GET /control/downloads/{id}}
 * shows one, {@code POST /control/downloads/{id}/pause} pauses one. {@code etaSeconds} is null when unknown;
 * {@code maxRate} is the download's own rate limit in bytes per second (0: none).
 */
public record DownloadInfo(String id, String group, String fileName, String sha256, String dest, DownloadState state,
                           long size, long bytesDone, int chunksDone, int chunkCount, double bytesPerSecond,
                           Long etaSeconds, int peers, List<DroppedPeer> droppedPeers, String error, Long maxRate) {
    public DownloadInfo {
        droppedPeers = droppedPeers == null ? List.of() : List.copyOf(droppedPeers);
        maxRate = maxRate == null ? Long.valueOf(0) : maxRate; // absent from an agent older than limits
    }

    /** A download without a rate limit of its own. */
    public DownloadInfo(String id, String group, String fileName, String sha256, String dest, DownloadState state,
                        long size, long bytesDone, int chunksDone, int chunkCount, double bytesPerSecond,
                        Long etaSeconds, int peers, List<DroppedPeer> droppedPeers, String error) {
        this(id, group, fileName, sha256, dest, state, size, bytesDone, chunksDone, chunkCount, bytesPerSecond,
                etaSeconds, peers, droppedPeers, error, null);
    }

    public int percent() {
        if (chunkCount == 0) return state == DownloadState.COMPLETE ? 100 : 0;
        return (int) Math.floor(100.0 * chunksDone / chunkCount);
    }
}
