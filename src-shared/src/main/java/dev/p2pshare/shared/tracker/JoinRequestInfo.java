package dev.p2pshare.shared.tracker;

import java.time.Instant;

/** One pending join request, as {@code GET /api/groups/{group}/join-requests} lists them. */
public record JoinRequestInfo(String username, Instant requestedAt) {
}
