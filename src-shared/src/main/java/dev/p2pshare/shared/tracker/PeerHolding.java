package dev.p2pshare.shared.tracker;

import dev.p2pshare.shared.ApiExamples;

import dev.p2pshare.shared.Names;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An online peer holding (part of) a file. {@code chunks} is the Base64 bitfield of the chunks it
 * holds, or null when it holds the whole file.
 */
@Schema(description = "An online peer holding all or part of a file.")
public record PeerHolding(
        @Schema(description = "The user whose agent it is.", pattern = Names.REGEX, minLength = 1, maxLength = 64,
                example = ApiExamples.USER)
        String username,
        @Schema(description = "Base URL of its chunk server: fetch GET {url}/chunks/{sha256}/{index} with the grant.",
                example = ApiExamples.PEER_URL)
        String url,
        @Schema(description = "Null when it holds the whole file; else the chunks it holds so far. " + ApiExamples.BITFIELD,
                nullable = true, example = "0A==")
        String chunks) {
    public boolean complete() {
        return chunks == null;
    }
}
