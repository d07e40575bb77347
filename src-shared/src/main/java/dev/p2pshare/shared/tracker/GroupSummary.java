package dev.p2pshare.shared.tracker;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.p2pshare.shared.ApiExamples;
import dev.p2pshare.shared.Names;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One group as {@code GET /api/groups} and {@code POST /api/groups} show it to the caller.
 * {@code membership} is the caller's standing: MEMBER, OWNER, PENDING (join request filed) or NONE.
 */
@Schema(description = "A group as the caller sees it.")
public record GroupSummary(
        @Schema(description = "Group name.", pattern = Names.REGEX, minLength = 1, maxLength = 64, example = ApiExamples.GROUP)
        String name,
        @Schema(description = "User name of its owner.", pattern = Names.REGEX, minLength = 1, maxLength = 64,
                example = ApiExamples.USER)
        String owner,
        @Schema(description = "Private: only members see its files, and joining needs the owner's accept.", example = "false")
        @JsonProperty("private") boolean isPrivate,
        @Schema(description = "Members, the owner included.", minimum = "1", example = "3")
        int members,
        @Schema(description = "Files someone still shares in it.", minimum = "0", example = "12")
        int files,
        @Schema(description = "The caller's standing: OWNER, MEMBER, PENDING (a join request awaits the owner) or NONE.",
                example = "MEMBER")
        Membership membership) {
}
