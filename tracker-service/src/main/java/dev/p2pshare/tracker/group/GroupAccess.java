package dev.p2pshare.tracker.group;

import dev.p2pshare.shared.tracker.Membership;
import dev.p2pshare.tracker.system.ApiProblem;

/**
 * A group as one caller stands towards it: what that caller may do there. The one place of the read rule
 * (open group, or member) and of the hold rule (members only, in every group).
 */
public record GroupAccess(Long groupId, String name, boolean isPrivate, Membership membership) {

    /** The standing of a user who owns the group or not, and is a member of it or not. */
    public static Membership standing(boolean owner, boolean member) {
        return owner ? Membership.OWNER : member ? Membership.MEMBER : Membership.NONE;
    }

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

    public static ApiProblem noSuchGroup(String name) {
        return ApiProblem.notFound("no group named " + name);
    }

    public static ApiProblem notAMember(String name) {
        return ApiProblem.forbidden("only members of " + name + " may share or seed files in it");
    }

    public static ApiProblem notReadable(String name) {
        return ApiProblem.forbidden(name + " is a private group and you are not a member");
    }
}
