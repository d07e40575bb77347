package dev.p2pshare.tracker.session;

import dev.p2pshare.tracker.security.CurrentUser;

import java.time.Instant;

/** The caller a live token stands for, and when the token's life ends (null: only when it is revoked). */
record LiveToken(CurrentUser user, Instant until) {
    /** As {@link SessionRepository#findLive} reads a session. */
    LiveToken(long userId, String username, long sessionId, Instant until) {
        this(new CurrentUser(userId, username, sessionId), until);
    }

    boolean isLiveAt(Instant now) {
        return until == null || until.isAfter(now);
    }
}
