package dev.p2pshare.shared.control;

/** A file this agent shares; the answer of {@code POST /control/shares}. */
public record ShareInfo(String group, String name, String path, long size, String sha256, int chunkCount) {
}
