package dev.p2pshare.shared.control;

import java.time.Instant;
import java.util.List;

/**
 * {@code .p2p/session.json}: who is logged in from this folder, the trackers this session knows
 * (first is preferred), the tracker's bearer token, and the PEM file trusted for https trackers at
 * login ({@code --trust-cert} or {@code $P2P_TRUST_CERT}; null when none), so later commands need neither.
 */
public record SessionInfo(String username, List<String> trackers, String token, Instant expiresAt, String trustCertificate) {
    public SessionInfo {
        trackers = trackers == null ? List.of() : List.copyOf(trackers);
    }

    @Override
    public String toString() {
        return "SessionInfo[username=" + username + ", trackers=" + trackers + ", expiresAt=" + expiresAt + ", trustCertificate="
                + trustCertificate + "]";
    }
}
