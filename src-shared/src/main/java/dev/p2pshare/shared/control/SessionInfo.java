package dev.p2pshare.shared.control;

import java.time.Instant;
import java.util.List;

/**
 * {@code .p2p/session.json}: who is logged in from this folder, the trackers this session knows
 * (first is preferred) and the tracker's bearer token.
 */
public record SessionInfo(String username, List<String> trackers, String token, Instant expiresAt) {
    public SessionInfo {
        trackers = trackers == null ? List.of() : List.copyOf(trackers);
    }

    @Override
    public String toString() {
        return "SessionInfo[username=" + username + ", trackers=" + trackers + ", expiresAt=" + expiresAt + "]";
    }
}
