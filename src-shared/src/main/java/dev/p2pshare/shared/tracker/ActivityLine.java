package dev.p2pshare.shared.tracker;

import java.time.Instant;

/**
 * One line of a group's activity record. {@code user} is the downloader; {@code file} the file's name when the
 * grant was signed. Grant lines carry the client {@code address}; served lines carry {@code chunks} and
 * {@code bytes} and name the agent's user who reported them in {@code reportedBy} (the tracker cannot check them).
 */
public record ActivityLine(Instant time, ActivityKind kind, String user, String file, String sha256, String address,
                           Long chunks, Long bytes, String reportedBy) {
}
