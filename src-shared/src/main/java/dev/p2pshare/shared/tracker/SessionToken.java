package dev.p2pshare.shared.tracker;

import java.time.Instant;

/** Answer of {@code POST /api/sessions}: a bearer token for every later call. */
public record SessionToken(String token, Instant expiresAt) {
    @Override
    public String toString() {
        return "SessionToken[expiresAt=" + expiresAt + "]";
    }
}
