package dev.p2pshare.agent.download;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.DownloadState;
import dev.p2pshare.shared.control.DroppedPeer;

import java.time.Instant;
import java.util.List;

/**
 * A download as remembered in home/downloads/{id}.json (its verified-chunk map sits beside it in
 * {id}.chunks, and for a folder the map of files already in place in {id}.files): enough to resume it after
 * a restart. {@code startedAt} orders the list (null in records written before it was kept). {@code maxRate}
 * is its own rate limit in bytes per second (0: none, as in records written before limits existed).
 * {@code only} and {@code exclude} are a folder download's globs choosing its files (empty: every file).
 */
public record DownloadRecord(String id, String group, String fileName, String dest, boolean overwrite, boolean seed,
                             DownloadState state, String error, Manifest manifest, List<DroppedPeer> droppedPeers,
                             Instant startedAt, Long maxRate, List<String> only, List<String> exclude) {
    public DownloadRecord {
        droppedPeers = droppedPeers == null ? List.of() : List.copyOf(droppedPeers);
        maxRate = maxRate == null ? Long.valueOf(0) : maxRate;
        only = only == null ? List.of() : List.copyOf(only);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    public DownloadRecord with(DownloadState newState, String newError, List<DroppedPeer> dropped) {
        return with(newState, newError, dropped, maxRate);
    }

    public DownloadRecord with(DownloadState newState, String newError, List<DroppedPeer> dropped, long newMaxRate) {
        return new DownloadRecord(id, group, fileName, dest, overwrite, seed, newState, newError, manifest, dropped,
                startedAt, newMaxRate, only, exclude);
    }
}
