package dev.p2pshare.shared.tracker;

import dev.p2pshare.shared.ApiExamples;
import dev.p2pshare.shared.Names;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * Body of {@code POST /api/users/me/api-keys}. {@code groups}: the only groups the key reaches (left out or
 * empty: every group its owner reaches); {@code readOnly}: no sharing, seeding or group changes; its end is
 * {@code expiresAt} or {@code ttl} (ISO-8601, e.g. {@code P90D}), or neither for a key that does not expire.
 */
@Schema(description = "A new API key: its name, the groups it is limited to, whether it is read-only, and when it "
        + "expires (expiresAt or ttl, not both; neither: it does not expire).")
public record CreateApiKey(
        @Schema(description = "Key name, unique among the caller's keys: 1 to 64 letters, digits, '.', '_' or '-' "
                + "(not '.' or '..').", pattern = Names.REGEX, minLength = 1, maxLength = 64, example = "backup-script")
        String name,
        @ArraySchema(arraySchema = @Schema(description = "The only groups the key reaches, each one the caller may read; "
                + "left out or empty: every group the caller reaches. A limited key creates no group."), maxItems = 100,
                schema = @Schema(pattern = Names.REGEX, minLength = 1, maxLength = 64, example = ApiExamples.GROUP))
        List<String> groups,
        @Schema(description = "Read-only: no sharing, seeding or group changes, only reads and the agent's presence "
                + "(heartbeat, going offline). Left out: false.", nullable = true, example = "false")
        Boolean readOnly,
        @Schema(description = "When the key stops working; must be in the future. Not together with ttl.",
                nullable = true, example = ApiExamples.INSTANT)
        Instant expiresAt,
        @Schema(description = "How long the key works from now, an ISO-8601 duration such as P90D or PT12H. Not "
                + "together with expiresAt.", nullable = true, example = "P90D")
        String ttl) {
    public CreateApiKey {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public boolean readOnlyOrDefault() {
        return Boolean.TRUE.equals(readOnly);
    }
}
