package dev.p2pshare.shared.tracker;

/** One shared file as {@code GET /api/groups/{group}/files} lists it; {@code seeders} counts online complete holders. */
public record FileSummary(String name, long size, String sha256, int chunkCount, int seeders) {
}
