package dev.p2pshare.shared.tracker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.p2pshare.shared.ApiExamples;
import dev.p2pshare.shared.Names;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;

/**
 * One group as {@code GET /api/groups}, {@code GET /api/groups/{group}} and {@code POST /api/groups} show it to
 * the caller. {@code membership} is the caller's standing: MEMBER, OWNER, PENDING (join request filed) or NONE;
 * {@code expiresAt} is when the caller's membership ends (null: it does not); {@code memberTtl} is how long a
 * membership lasts when the owner set a default (null: for good).
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
        Membership membership,
        @Schema(description = "When the caller's membership ends; absent when it does not.", example = ApiExamples.INSTANT)
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant expiresAt,
        @Schema(description = "How long a membership granted from now on lasts (ISO-8601 duration), as the owner set it; "
                + "absent: memberships last for good.", example = "P30D")
        @JsonInclude(JsonInclude.Include.NON_NULL) Duration memberTtl) {

    /** A group without expiry for the caller and without a default membership length. */
    public GroupSummary(String name, String owner, boolean isPrivate, int members, int files, Membership membership) {
        this(name, owner, isPrivate, members, files, membership, null, null);
    }
}
