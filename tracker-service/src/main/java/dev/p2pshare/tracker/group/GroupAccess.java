package dev.p2pshare.tracker.group;

import dev.p2pshare.shared.tracker.Membership;

/** A group as one caller stands towards it: what that caller may do there. */
public record GroupAccess(Long groupId, String name, boolean isPrivate, Membership membership) {

    /** Open groups are readable by every user, private ones by members. */
    public boolean canRead() {
        return !isPrivate || membership.isMember();
    }

    public boolean isMember() {
        return membership.isMember();
    }

    public boolean isOwner() {
        return membership == Membership.OWNER;
    }
}
