package dev.p2pshare.shared.control;

import java.util.List;

/** {@code GET /control/status}. */
public record AgentStatus(String username, List<String> trackers, String trackerState, String chunkUrl,
                          List<ShareInfo> shares, List<DownloadInfo> downloads, List<HashingProgress> hashing,
                          TransferLimits limits) {
}
