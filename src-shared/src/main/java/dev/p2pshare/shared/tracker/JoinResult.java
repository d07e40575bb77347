package dev.p2pshare.shared.tracker;

/**
 * Answer of {@code POST /api/groups/{group}/join-requests} and of accepting one:
 * the user's standing afterwards (MEMBER at once for an open group, PENDING for a private one).
 */
public record JoinResult(String group, String username, Membership membership) {
}
