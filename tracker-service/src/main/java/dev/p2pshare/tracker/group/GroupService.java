package dev.p2pshare.tracker.group;

import dev.p2pshare.shared.tracker.GroupSummary;
import dev.p2pshare.shared.tracker.JoinRequestInfo;
import dev.p2pshare.shared.tracker.JoinResult;
import dev.p2pshare.shared.tracker.Membership;
import dev.p2pshare.tracker.security.CurrentUser;
import dev.p2pshare.tracker.system.ApiProblem;
import dev.p2pshare.tracker.system.Validation;
import dev.p2pshare.tracker.user.User;
import dev.p2pshare.tracker.user.UserRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The group rules: the creator owns; open groups admit at once, private ones by the owner's accepting a
 * request; when the owner leaves the longest-standing member owns; when the last member leaves the group
 * and its shares are gone; leaving publishes {@link MemberLeft}, which ends the leaver's holdings in the group
 * (the files side listens: groups know nothing of files). Every change of one group's membership runs
 * under a row lock on that group, so concurrent changes on several tracker instances cannot leave it
 * without an owner.
 */
@Service
public class GroupService {
    private final GroupRepository groups;
    private final GroupMemberRepository members;
    private final JoinRequestRepository requests;
    private final UserRepository users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    GroupService(GroupRepository groups, GroupMemberRepository members, JoinRequestRepository requests,
                 UserRepository users, ApplicationEventPublisher events, Clock clock) {
        this.groups = groups;
        this.members = members;
        this.requests = requests;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    /** How {@code me} stands towards the group; 400 for a bad name, 404 when there is no such group. */
    @Transactional(readOnly = true)
    public GroupAccess access(String groupName, CurrentUser me) {
        Validation.requireName("group", groupName);
        ShareGroup group = groups.findByName(groupName).orElseThrow(() -> GroupAccess.noSuchGroup(groupName));
        return accessOf(group, me);
    }

    /** Like {@link #access} but 403 unless {@code me} may read the group's files. */
    @Transactional(readOnly = true)
    public GroupAccess readable(String groupName, CurrentUser me) {
        GroupAccess access = access(groupName, me);
        if (!access.canRead()) throw GroupAccess.notReadable(groupName);
        return access;
    }

    /**
     * For sharing a file: locks the group until the caller's transaction ends (so {@code me} cannot be
     * removed meanwhile) and checks {@code me} is a member; 403 otherwise.
     */
    @Transactional
    public GroupAccess lockAsMember(String groupName, CurrentUser me) {
        GroupAccess access = lockedAccess(groupName, me);
        if (!access.isMember()) throw GroupAccess.notAMember(groupName);
        return access;
    }

    /**
     * For holding a file of the group: locks {@code me}'s membership (shared) until the caller's transaction
     * ends, so that leaving or removal (which deletes it) waits for the caller or comes first; 403 when
     * {@code me} is not a member. Unlike {@link #lockAsMember} it leaves the group unlocked, so that the
     * chunk reports of many holders do not queue behind each other.
     */
    @Transactional
    public void lockMembership(GroupAccess group, CurrentUser me) {
        if (members.lockMember(group.groupId(), me.userId()).isEmpty()) throw GroupAccess.notAMember(group.name());
    }

    /**
     * The names of the groups {@code me} is a member of, which are the only ones its agent may hold files in;
     * with an API key, only those the key reaches.
     */
    @Transactional(readOnly = true)
    public List<String> memberOf(CurrentUser me) {
        return members.groupNamesOf(me.userId()).stream().filter(me::reaches).toList();
    }

    /**
     * How {@code me} stands towards the group, with the group locked until the caller's transaction ends,
     * so no membership change of the group can slip between this check and what the caller does next.
     */
    @Transactional
    public GroupAccess lockedAccess(String groupName, CurrentUser me) {
        return accessOf(lock(groupName), me);
    }

    @Transactional
    public GroupSummary create(CurrentUser me, String name, boolean isPrivate) {
        Validation.requireName("group", name);
        if (groups.existsByName(name)) throw ApiProblem.conflict("group " + name + " already exists");
        Instant now = clock.instant();
        ShareGroup group = groups.saveAndFlush(new ShareGroup(name, me.userId(), isPrivate, now));
        members.save(new GroupMember(group.getId(), me.userId(), now));
        return new GroupSummary(name, me.username(), isPrivate, 1, 0, Membership.OWNER);
    }

    /** Every group with {@code me}'s standing; with an API key limited to some groups, only those. */
    @Transactional(readOnly = true)
    public List<GroupSummary> list(CurrentUser me) {
        return groups.listFor(me.userId()).stream().map(GroupRow::toSummary).filter(g -> me.reaches(g.name())).toList();
    }

    /** Joins an open group at once or files a request for a private one; {@code created} is false when nothing changed. */
    @Transactional
    public Joined join(CurrentUser me, String groupName) {
        ShareGroup group = lock(groupName);
        GroupAccess access = accessOf(group, me);
        if (access.isMember()) return new Joined(result(group, me.username(), access.membership()), false);
        Instant now = clock.instant();
        if (!group.isPrivate()) {
            requests.deleteRequest(group.getId(), me.userId());
            members.save(new GroupMember(group.getId(), me.userId(), now));
            return new Joined(result(group, me.username(), Membership.MEMBER), true);
        }
        if (requests.existsByGroupIdAndUserId(group.getId(), me.userId())) {
            return new Joined(result(group, me.username(), Membership.PENDING), false);
        }
        requests.save(new JoinRequest(group.getId(), me.userId(), now));
        return new Joined(result(group, me.username(), Membership.PENDING), true);
    }

    public record Joined(JoinResult result, boolean created) {
    }

    @Transactional(readOnly = true)
    public List<JoinRequestInfo> pendingRequests(CurrentUser me, String groupName) {
        GroupAccess access = access(groupName, me);
        requireOwner(access, "list its join requests");
        return requests.listPending(access.groupId());
    }

    @Transactional
    public JoinResult accept(CurrentUser me, String groupName, String username) {
        ShareGroup group = lock(groupName);
        requireOwner(accessOf(group, me), "accept join requests");
        User user = user(username);
        if (members.existsByGroupIdAndUserId(group.getId(), user.getId())) {
            requests.deleteRequest(group.getId(), user.getId());
            return result(group, username, membershipOf(group, user.getId()));
        }
        if (requests.deleteRequest(group.getId(), user.getId()) == 0) {
            throw ApiProblem.notFound("no join request from " + username + " in " + groupName);
        }
        members.save(new GroupMember(group.getId(), user.getId(), clock.instant()));
        return result(group, username, Membership.MEMBER);
    }

    /** The owner declines {@code username}'s join request, or the requester withdraws it. */
    @Transactional
    public void dismissRequest(CurrentUser me, String groupName, String username) {
        ShareGroup group = lock(groupName);
        User user = selfOrAsOwner(group, me, username, "decline join requests");
        if (requests.deleteRequest(group.getId(), user.getId()) == 0) {
            throw ApiProblem.notFound("no join request from " + username + " in " + groupName);
        }
    }

    /** {@code username} leaves (when it is the caller) or is removed by the owner. */
    @Transactional
    public void remove(CurrentUser me, String groupName, String username) {
        ShareGroup group = lock(groupName);
        User user = selfOrAsOwner(group, me, username, "remove other members");
        boolean self = user.getId() == me.userId();
        if (members.deleteMember(group.getId(), user.getId()) == 0) {
            if (self && requests.deleteRequest(group.getId(), user.getId()) > 0) return; // withdrew a request
            throw ApiProblem.notFound(username + " is not a member of " + groupName);
        }
        events.publishEvent(new MemberLeft(group.getId(), user.getId()));
        if (!group.getOwnerId().equals(user.getId())) return;
        List<GroupMember> next = members.longestStanding(group.getId(), Limit.of(1));
        if (next.isEmpty()) {
            groups.delete(group); // the database cascades to requests, files and holdings
        } else {
            group.handOverTo(next.get(0).getUserId());
        }
    }

    private ShareGroup lock(String groupName) {
        Validation.requireName("group", groupName);
        return groups.lockByName(groupName).orElseThrow(() -> GroupAccess.noSuchGroup(groupName));
    }

    private GroupAccess accessOf(ShareGroup group, CurrentUser me) {
        return new GroupAccess(group.getId(), group.getName(), group.isPrivate(), membershipOf(group, me.userId()));
    }

    private Membership membershipOf(ShareGroup group, long userId) {
        boolean owner = group.getOwnerId() == userId;
        return GroupAccess.standing(owner, owner || members.existsByGroupIdAndUserId(group.getId(), userId));
    }

    /**
     * The user an action on oneself, or as the owner on anyone, is about. A caller who does not own the group
     * and names someone else is refused before the name is looked up, so learns nothing of who exists.
     */
    private User selfOrAsOwner(ShareGroup group, CurrentUser me, String username, String action) {
        GroupAccess access = accessOf(group, me);
        if (!access.isOwner() && !username.equalsIgnoreCase(me.username())) requireOwner(access, action);
        User user = user(username);
        if (user.getId() != me.userId()) requireOwner(access, action);
        return user;
    }

    private User user(String username) {
        Validation.requireName("user", username);
        return users.findByUsername(username).orElseThrow(() -> ApiProblem.notFound("no user named " + username));
    }

    private static void requireOwner(GroupAccess access, String action) {
        if (!access.isOwner()) throw ApiProblem.forbidden("only the owner of " + access.name() + " may " + action);
    }

    private static JoinResult result(ShareGroup group, String username, Membership membership) {
        return new JoinResult(group.getName(), username, membership);
    }

}
