package dev.p2pshare.tracker.group;

import dev.p2pshare.shared.tracker.MemberInfo;
import dev.p2pshare.shared.tracker.Membership;

import java.time.Instant;

/** One membership as the database answers it. */
record MemberRow(String username, Long userId, Instant since, Instant expiresAt) {

    MemberInfo toInfo(Long ownerId) {
        return new MemberInfo(username, userId.equals(ownerId) ? Membership.OWNER : Membership.MEMBER, since, expiresAt);
    }
}
