package dev.p2pshare.shared.control;

import java.time.Instant;
import java.util.List;

/**
 * One download's progress: {@code GET /control/downloads} lists them (oldest first), {@code GET
 * /control/downloads/{id}} shows one, {@code POST /control/downloads/{id}/pause} pauses one, {@code DELETE
 * /control/downloads/{id}} cancels one (its {@code .part} and chunk map go), {@code DELETE
 * /control/downloads/finished} forgets the complete and failed ones. {@code etaSeconds} is null when
 * unknown; {@code startedAt} when it was asked for (null for downloads remembered from older versions).
 * {@code reason} says in words what it is doing or why it waits or stopped, for example "downloading from 3
 * peers", "waiting: tracker unreachable, retrying" or "stopped: the tracker no longer lets you read photos".
 * {@code maxRate} is the download's own rate limit in bytes per second (0: none). For a folder, {@code size},
 * {@code bytesDone}, {@code chunksDone} and {@code chunkCount} count only the files chosen ({@code --only},
 * {@code --exclude}) and {@code filesDone} of {@code filesTotal} of them are in place; a single file counts as one.
 */
public record DownloadInfo(String id, String group, String fileName, String sha256, String dest, DownloadState state,
                           long size, long bytesDone, int chunksDone, int chunkCount, double bytesPerSecond,
                           Long etaSeconds, int peers, List<DroppedPeer> droppedPeers, String error, Instant startedAt,
                           String reason, Long maxRate, Integer filesDone, Integer filesTotal) {
    public DownloadInfo {
        droppedPeers = droppedPeers == null ? List.of() : List.copyOf(droppedPeers);
        maxRate = maxRate == null ? Long.valueOf(0) : maxRate; // absent from an agent older than limits
        filesDone = filesDone == null ? Integer.valueOf(0) : filesDone; // absent from an agent older than folders
        filesTotal = filesTotal == null ? Integer.valueOf(1) : filesTotal;
    }

    public int percent() {
        if (chunkCount == 0) return state == DownloadState.COMPLETE ? 100 : 0;
        return (int) Math.floor(100.0 * chunksDone / chunkCount);
    }
}
