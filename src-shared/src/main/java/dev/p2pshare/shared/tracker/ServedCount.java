package dev.p2pshare.shared.tracker;

/** Chunks and bytes an agent served to {@code user} (the grant's subject) of the file {@code sha256} since its last report. */
public record ServedCount(String user, String sha256, long chunks, long bytes) {
}
