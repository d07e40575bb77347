package dev.p2pshare.shared.tracker;

import dev.p2pshare.shared.ApiExamples;
import dev.p2pshare.shared.Names;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * One member of a group, as {@code GET /api/groups/{group}/members} lists them: {@code role} is OWNER or MEMBER,
 * {@code since} when the membership began, {@code expiresAt} when it ends (null: it does not).
 */
@Schema(description = "One member of a group.")
public record MemberInfo(
        @Schema(description = "The member's user name.", pattern = Names.REGEX, minLength = 1, maxLength = 64,
                example = ApiExamples.USER)
        String username,
        @Schema(description = "OWNER or MEMBER.", example = "MEMBER")
        Membership role,
        @Schema(description = "When the membership began.", example = ApiExamples.INSTANT)
        Instant since,
        @Schema(description = "When the membership ends; null when it does not.", example = "2026-12-31T23:59:59Z")
        Instant expiresAt) {
}
