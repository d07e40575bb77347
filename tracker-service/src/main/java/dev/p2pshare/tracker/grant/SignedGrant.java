package dev.p2pshare.tracker.grant;

import java.time.Instant;

/** A signed download grant (compact JWT) and when it expires. */
public record SignedGrant(String token, Instant expiresAt) {
    @Override
    public String toString() {
        return "SignedGrant[expiresAt=" + expiresAt + "]";
    }
}
