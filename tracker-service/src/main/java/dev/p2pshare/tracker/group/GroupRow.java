package dev.p2pshare.tracker.group;

import dev.p2pshare.shared.tracker.GroupSummary;
import dev.p2pshare.shared.tracker.Membership;

import java.time.Duration;
import java.time.Instant;

/** One line of the group listing as the database answers it, for one caller; {@code expiresAt} is the caller's. */
record GroupRow(String name, String owner, Boolean isPrivate, Long members, Long files, Boolean owned, Long memberships,
                Long pending, Instant expiresAt, Long memberTtlSeconds) {

    GroupSummary toSummary() {
        Membership membership = owned ? Membership.OWNER
                : memberships > 0 ? Membership.MEMBER
                : pending > 0 ? Membership.PENDING : Membership.NONE;
        return new GroupSummary(name, owner, isPrivate, members.intValue(), files.intValue(), membership,
                memberships > 0 ? expiresAt : null, memberTtlSeconds == null ? null : Duration.ofSeconds(memberTtlSeconds));
    }
}
