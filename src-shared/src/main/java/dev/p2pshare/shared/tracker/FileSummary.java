package dev.p2pshare.shared.tracker;

import dev.p2pshare.shared.ApiExamples;
import dev.p2pshare.shared.FileNames;

import io.swagger.v3.oas.annotations.media.Schema;

/** One shared file as {@code GET /api/groups/{group}/files} lists it; {@code seeders} counts online complete holders. */
@Schema(description = "One file shared in a group.")
public record FileSummary(
        @Schema(description = ApiExamples.FILE_NAME, minLength = 1, maxLength = FileNames.MAX_BYTES, example = ApiExamples.FILE)
        String name,
        @Schema(description = "Size in bytes.", minimum = "0", example = ApiExamples.SIZE)
        long size,
        @Schema(description = "Whole-file SHA-256, lower-case hex: the file's identity.", pattern = ApiExamples.SHA256_PATTERN,
                minLength = 64, maxLength = 64, example = ApiExamples.SHA256)
        String sha256,
        @Schema(description = "Number of 512 KiB chunks (the last one may be shorter; 0 for an empty file).", minimum = "0",
                example = ApiExamples.CHUNK_COUNT)
        int chunkCount,
        @Schema(description = "Online peers that hold the whole file.", minimum = "0", example = "2")
        int seeders) {
}
