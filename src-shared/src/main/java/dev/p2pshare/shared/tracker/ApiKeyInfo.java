package dev.p2pshare.shared.tracker;

import java.time.Instant;
import java.util.List;

/**
 * One API key as {@code GET /api/users/me/api-keys} lists it: never the key itself. An empty {@code groups}
 * means every group; {@code expiresAt} null means it does not expire; {@code lastUsedAt} is to the minute.
 */
public record ApiKeyInfo(String name, List<String> groups, boolean readOnly, Instant createdAt, Instant expiresAt,
                         Instant lastUsedAt) {
    public ApiKeyInfo {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
