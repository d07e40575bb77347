package dev.p2pshare.tracker.group;

/**
 * Published inside the transaction in which a user leaves a group or is removed from it, with the group
 * still locked, so that what the user held there can go in the same transaction.
 */
public record MemberLeft(Long groupId, Long userId) {
}
