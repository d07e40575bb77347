package dev.p2pshare.tracker.grant;

import java.time.Instant;

/**
 * A signed download grant (compact JWT) and when it expires; {@code fresh} when it was signed for this request,
 * not a recent one handed out again (only a fresh one is a new line of the group's activity record).
 */
public record SignedGrant(String token, Instant expiresAt, boolean fresh) {
    @Override
    public String toString() {
        return "SignedGrant[expiresAt=" + expiresAt + ", fresh=" + fresh + "]";
    }

    SignedGrant again() {
        return new SignedGrant(token, expiresAt, false);
    }
}
