package dev.p2pshare.shared.tracker;

/** A user's standing in a group. */
public enum Membership {
    OWNER, MEMBER, PENDING, NONE;

    public boolean isMember() {
        return this == OWNER || this == MEMBER;
    }
}
