package dev.p2pshare.shared.tracker;

import dev.p2pshare.shared.ApiExamples;
import dev.p2pshare.shared.FileNames;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One shared file or folder as {@code GET /api/groups/{group}/files} lists it; {@code seeders} counts online complete
 * holders. A folder is one entry: its total size and how many files it holds.
 */
@Schema(description = "One file or folder shared in a group.")
public record FileSummary(
        @Schema(description = ApiExamples.FILE_NAME, minLength = 1, maxLength = FileNames.MAX_BYTES, example = ApiExamples.FILE)
        String name,
        @Schema(description = "Size in bytes (of a folder: of all its files).", minimum = "0", example = ApiExamples.SIZE)
        long size,
        @Schema(description = "Whole-file SHA-256, lower-case hex: the file's identity (a folder's is over its file list, "
                + "empty folders and chunk hashes).", pattern = ApiExamples.SHA256_PATTERN,
                minLength = 64, maxLength = 64, example = ApiExamples.SHA256)
        String sha256,
        @Schema(description = "Number of 512 KiB chunks (the last one may be shorter; 0 for an empty file).", minimum = "0",
                example = ApiExamples.CHUNK_COUNT)
        int chunkCount,
        @Schema(description = "Online peers that hold the whole file.", minimum = "0", example = "2")
        int seeders,
        @Schema(description = "True for a shared folder (GET /api/groups/{group}/files/{fileName}/manifest lists its "
                + "files), false for a single file.", example = "false")
        boolean folder,
        @Schema(description = "Regular files in the share: 1 for a single file.", minimum = "0", example = "1")
        int fileCount) {
}
