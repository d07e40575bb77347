package dev.p2pshare.shared.tracker;

import dev.p2pshare.shared.ApiExamples;
import dev.p2pshare.shared.Names;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * One API key as {@code GET /api/users/me/api-keys} lists it: never the key itself. An empty {@code groups}
 * means every group; {@code expiresAt} null means it does not expire; {@code lastUsedAt} is to the minute.
 */
@Schema(description = "One of the caller's API keys and what it may do; never the key itself.")
public record ApiKeyInfo(
        @Schema(description = "Key name, unique among its owner's keys; DELETE /api/users/me/api-keys/{name} revokes it.",
                pattern = Names.REGEX, minLength = 1, maxLength = 64, example = "backup-script")
        String name,
        @ArraySchema(arraySchema = @Schema(description = "The only groups the key reaches; empty: every group its owner "
                + "reaches."),
                schema = @Schema(pattern = Names.REGEX, minLength = 1, maxLength = 64, example = ApiExamples.GROUP))
        List<String> groups,
        @Schema(description = "Read-only: no sharing, seeding or group changes, only reads and the agent's presence "
                + "(heartbeat, going offline).", example = "false")
        boolean readOnly,
        @Schema(description = "When the key was created.", example = ApiExamples.INSTANT)
        Instant createdAt,
        @Schema(description = "When the key stops working; null: it does not expire.", nullable = true,
                example = "2027-02-27T14:02:00Z")
        Instant expiresAt,
        @Schema(description = "When the key was last used, to the minute; null: never used.", nullable = true,
                example = "2026-12-01T08:15:00Z")
        Instant lastUsedAt) {
    public ApiKeyInfo {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
