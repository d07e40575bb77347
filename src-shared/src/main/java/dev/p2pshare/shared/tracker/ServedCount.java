package dev.p2pshare.shared.tracker;

import dev.p2pshare.shared.ApiExamples;
import dev.p2pshare.shared.Names;
import io.swagger.v3.oas.annotations.media.Schema;

/** Chunks and bytes an agent served to {@code user} (the grant's subject) of the file {@code sha256} since its last report. */
@Schema(description = "Chunks and bytes the caller's agent served to one user of one file since its last report.")
public record ServedCount(
        @Schema(description = "The user served: the subject of the grant the downloader sent. A user and file that got "
                + "no grant in the group are dropped.", pattern = Names.REGEX, minLength = 1, maxLength = 64,
                example = "bob")
        String user,
        @Schema(description = "Whole-file SHA-256 of the file served, lower-case hex.", pattern = ApiExamples.SHA256_PATTERN,
                minLength = 64, maxLength = 64, example = ApiExamples.SHA256)
        String sha256,
        @Schema(description = "Chunks served.", minimum = "0", maximum = "4294967296", example = ApiExamples.CHUNK_COUNT)
        long chunks,
        @Schema(description = "Bytes served: at most chunks times 524288 (512 KiB).", minimum = "0",
                example = ApiExamples.SIZE)
        long bytes) {
}
