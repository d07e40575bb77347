package dev.p2pshare.shared.tracker;

import dev.p2pshare.shared.ApiExamples;
import dev.p2pshare.shared.Names;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** One pending join request, as {@code GET /api/groups/{group}/join-requests} lists them. */
@Schema(description = "A request to join a private group, awaiting its owner.")
public record JoinRequestInfo(
        @Schema(description = "Who asks to join.", pattern = Names.REGEX, minLength = 1, maxLength = 64, example = "bob")
        String username,
        @Schema(description = "When they asked.", example = ApiExamples.INSTANT)
        Instant requestedAt) {
}
