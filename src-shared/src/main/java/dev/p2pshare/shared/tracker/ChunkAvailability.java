package dev.p2pshare.shared.tracker;

/**
 * Body of {@code PUT /api/groups/{group}/files/{fileName}/seeders/me}: a partial holder (a
 * downloader) reports the chunks it holds as a Base64 bitfield over the manifest's chunks; a full
 * bitfield makes it a complete seeder. The caller must be allowed to read the group.
 */
public record ChunkAvailability(String sha256, String chunks) {
}
