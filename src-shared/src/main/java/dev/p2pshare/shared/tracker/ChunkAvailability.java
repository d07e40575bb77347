package dev.p2pshare.shared.tracker;

import dev.p2pshare.shared.ApiExamples;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code PUT /api/groups/{group}/files/{fileName}/seeders/me}: a partial holder (a
 * downloader) reports the chunks it holds as a Base64 bitfield over the manifest's chunks; a full
 * bitfield makes it a complete seeder. The caller must be allowed to read the group.
 */
@Schema(description = "The chunks of a file the caller holds so far (a downloader), so that others can fetch them "
        + "from it; all bits set makes the caller a complete seeder.")
public record ChunkAvailability(
        @Schema(description = "Whole-file SHA-256 of the file, lower-case hex: it must be the named file's.",
                pattern = ApiExamples.SHA256_PATTERN, minLength = 64, maxLength = 64, example = ApiExamples.SHA256)
        String sha256,
        @Schema(description = "The chunks held. " + ApiExamples.BITFIELD, example = "0A==")
        String chunks) {
}
