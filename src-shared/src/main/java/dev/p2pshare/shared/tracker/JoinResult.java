package dev.p2pshare.shared.tracker;

import dev.p2pshare.shared.ApiExamples;

import dev.p2pshare.shared.Names;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Answer of {@code POST /api/groups/{group}/join-requests} and of accepting one:
 * the user's standing afterwards (MEMBER at once for an open group, PENDING for a private one).
 */
@Schema(description = "A user's standing in a group after joining or being accepted.")
public record JoinResult(
        @Schema(description = "The group.", pattern = Names.REGEX, minLength = 1, maxLength = 64, example = ApiExamples.GROUP)
        String group,
        @Schema(description = "The user who joined or was accepted.", pattern = Names.REGEX, minLength = 1, maxLength = 64,
                example = "bob")
        String username,
        @Schema(description = "MEMBER at once for an open group, PENDING for a private one until its owner accepts.",
                example = "PENDING")
        Membership membership) {
}
