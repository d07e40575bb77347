package dev.p2pshare.shared.tracker;

import java.time.Instant;

/** Answer of {@code POST /api/users} and {@code GET /api/users/me}. */
public record UserInfo(String username, Instant createdAt) {
}
