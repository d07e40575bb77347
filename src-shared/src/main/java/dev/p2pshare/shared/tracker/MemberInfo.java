package dev.p2pshare.shared.tracker;

import java.time.Instant;

/**
 * One member of a group, as {@code GET /api/groups/{group}/members} lists them: {@code role} is OWNER or MEMBER,
 * {@code since} when the membership began, {@code expiresAt} when it ends (null: it does not).
 */
public record MemberInfo(String username, Membership role, Instant since, Instant expiresAt) {
}
