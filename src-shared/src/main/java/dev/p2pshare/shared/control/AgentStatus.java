package dev.p2pshare.shared.control;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /control/status}. {@code trackerState} is one line for people ("connected to ... (last reached 3 s
 * ago)", "unreachable since 14:02:10 (last error: ...)"); {@code trackerLastReached} is when a tracker last
 * answered this agent, {@code trackerUnreachableSince} when the current outage began (null: none), with its
 * {@code trackerLastError}. {@code stopped} lists the shares the agent stopped by itself, with the reason and fix.
 */
public record AgentStatus(String username, List<String> trackers, String trackerState, String chunkUrl,
                          List<ShareInfo> shares, List<DownloadInfo> downloads, List<HashingProgress> hashing,
                          TransferLimits limits, List<StoppedShare> stopped, Instant trackerLastReached,
                          Instant trackerUnreachableSince, String trackerLastError) {

    /** A status without stopped shares or reachability times. */
    public AgentStatus(String username, List<String> trackers, String trackerState, String chunkUrl,
                       List<ShareInfo> shares, List<DownloadInfo> downloads, List<HashingProgress> hashing,
                       TransferLimits limits) {
        this(username, trackers, trackerState, chunkUrl, shares, downloads, hashing, limits, List.of(), null, null, null);
    }
}
