package dev.p2pshare.shared.tracker;

import dev.p2pshare.shared.ApiExamples;
import dev.p2pshare.shared.FileNames;
import dev.p2pshare.shared.Names;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * One line of a group's activity record. {@code user} is the downloader; {@code file} the file's name when the
 * grant was signed. Grant lines carry the client {@code address}; served lines carry {@code chunks} and
 * {@code bytes} and name the agent's user who reported them in {@code reportedBy} (the tracker cannot check them).
 */
@Schema(description = "One line of a group's activity record: a download grant the tracker signed, or chunks an "
        + "agent says it served.")
public record ActivityLine(
        @Schema(description = "When the grant was signed, or when the served report arrived.", example = ApiExamples.INSTANT)
        Instant time,
        @Schema(description = "GRANT: the tracker signed a download grant; RENEWAL: a grant while the same user's previous "
                + "grant for the file was still valid; SERVED: chunks an agent says it served.", example = "GRANT")
        ActivityKind kind,
        @Schema(description = "The downloader: the user the grant was signed for, or who was served.", pattern = Names.REGEX,
                minLength = 1, maxLength = 64, example = "bob")
        String user,
        @Schema(description = "The file's name when the grant was signed.", minLength = 1, maxLength = FileNames.MAX_BYTES,
                example = ApiExamples.FILE)
        String file,
        @Schema(description = "Whole-file SHA-256, lower-case hex: the file's identity.", pattern = ApiExamples.SHA256_PATTERN,
                minLength = 64, maxLength = 64, example = ApiExamples.SHA256)
        String sha256,
        @Schema(description = "Grant lines: the address the client asked from (an IPv6 caller as its /64); null on "
                + "served lines.", nullable = true, example = "192.168.1.20")
        String address,
        @Schema(description = "Served lines: chunks served, as the reporting agent says; null on grant lines.",
                nullable = true, minimum = "0", example = ApiExamples.CHUNK_COUNT)
        Long chunks,
        @Schema(description = "Served lines: bytes served, as the reporting agent says; null on grant lines.",
                nullable = true, minimum = "0", example = ApiExamples.SIZE)
        Long bytes,
        @Schema(description = "Served lines: the user whose agent reported them (the tracker cannot check them); null "
                + "on grant lines.", nullable = true, pattern = Names.REGEX, minLength = 1, maxLength = 64,
                example = ApiExamples.USER)
        String reportedBy) {
}
