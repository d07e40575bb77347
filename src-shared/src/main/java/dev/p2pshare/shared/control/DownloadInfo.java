package dev.p2pshare.shared.control;

import java.util.List;

/**
 * One download's progress: {@code GET /control/downloads} lists them, {@code GET /control/downloads/{id}}
 * shows one, {@code POST /control/downloads/{id}/pause} pauses one. {@code etaSeconds} is null when unknown.
 */
public record DownloadInfo(String id, String group, String fileName, String sha256, String dest, DownloadState state,
                           long size, long bytesDone, int chunksDone, int chunkCount, double bytesPerSecond,
                           Long etaSeconds, int peers, List<DroppedPeer> droppedPeers, String error) {
    public DownloadInfo {
        droppedPeers = droppedPeers == null ? List.of() : List.copyOf(droppedPeers);
    }

    public int percent() {
        if (chunkCount == 0) return state == DownloadState.COMPLETE ? 100 : 0;
        return (int) Math.floor(100.0 * chunksDone / chunkCount);
    }
}
