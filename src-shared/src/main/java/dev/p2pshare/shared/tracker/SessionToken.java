package dev.p2pshare.shared.tracker;

import dev.p2pshare.shared.ApiExamples;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** Answer of {@code POST /api/sessions}: a bearer token for every later call. */
@Schema(description = "A new session: send 'Authorization: Bearer <token>' on every later call.")
public record SessionToken(
        @Schema(description = "Opaque bearer token (256 random bits, Base64url); the tracker keeps only its SHA-256.",
                minLength = 43, maxLength = 43, example = "q3Zb9xW2mJr7TtKc1vYH0aLpE5uFgN8sRkD4oXiCwMe")
        String token,
        @Schema(description = "When the session ends (p2p.tracker.session-ttl after login) unless logged out before.",
                example = ApiExamples.INSTANT)
        Instant expiresAt) {
    @Override
    public String toString() {
        return "SessionToken[expiresAt=" + expiresAt + "]";
    }
}
