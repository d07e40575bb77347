package dev.p2pshare.shared.control;

/** {@code PUT /control/limits/downloads/{id}}: one download's own rate limit in bytes per second (0: none). */
public record DownloadLimit(long maxRate) {
}
