package dev.p2pshare.shared;

import io.swagger.v3.oas.annotations.media.Schema;

/** One regular file of a shared folder: its path inside the folder, its size and its SHA-256. */
@Schema(description = "One regular file of a shared folder.")
public record ManifestFile(
        @Schema(description = "Path inside the folder, components separated by '/': relative, no '.', '..', '\\', NUL, "
                + "control characters or drive letters.", minLength = 1, maxLength = 4096, example = "raw/IMG_0001.cr3")
        String path,
        @Schema(description = "Size in bytes.", minimum = "0", example = "3145728")
        long size,
        @Schema(description = "SHA-256 of the file, lower-case hex.", pattern = ApiExamples.SHA256_PATTERN, minLength = 64,
                maxLength = 64, example = ApiExamples.CHUNK_SHA256)
        String sha256) {
}
