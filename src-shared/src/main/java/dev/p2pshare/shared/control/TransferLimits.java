package dev.p2pshare.shared.control;

/**
 * The agent's rate limits in bytes per second (0: unlimited): {@code GET /control/limits} answers them,
 * {@code PUT /control/limits} changes those given (a null field stays as it is); also in the status.
 * {@code limitLocalPeers} false leaves peers on loopback, site-local and link-local addresses unlimited.
 */
public record TransferLimits(Long maxDownloadRate, Long maxUploadRate, Boolean limitLocalPeers) {
}
