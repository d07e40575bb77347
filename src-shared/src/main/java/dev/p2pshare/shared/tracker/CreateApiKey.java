package dev.p2pshare.shared.tracker;

import java.time.Instant;
import java.util.List;

/**
 * Body of {@code POST /api/users/me/api-keys}. {@code groups}: the only groups the key reaches (left out or
 * empty: every group its owner reaches); {@code readOnly}: no sharing, seeding or group changes; its end is
 * {@code expiresAt} or {@code ttl} (ISO-8601, e.g. {@code P90D}), or neither for a key that does not expire.
 */
public record CreateApiKey(String name, List<String> groups, Boolean readOnly, Instant expiresAt, String ttl) {
    public CreateApiKey {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public boolean readOnlyOrDefault() {
        return Boolean.TRUE.equals(readOnly);
    }
}
