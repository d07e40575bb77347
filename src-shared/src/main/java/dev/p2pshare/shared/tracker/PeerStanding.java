package dev.p2pshare.shared.tracker;

import java.util.List;

/**
 * Answer to {@code PUT /api/peers/me}: the groups the user is a member of, the only ones its agent may hold
 * (serve) files in.
 */
public record PeerStanding(List<String> memberOf) {
}
