package dev.p2pshare.tracker.group;

import dev.p2pshare.shared.tracker.GroupSettings;
import dev.p2pshare.shared.tracker.GroupSummary;
import dev.p2pshare.shared.tracker.JoinRequestInfo;
import dev.p2pshare.shared.tracker.JoinResult;
import dev.p2pshare.shared.tracker.MemberInfo;
import dev.p2pshare.shared.tracker.Membership;
import dev.p2pshare.tracker.security.CurrentUser;
import dev.p2pshare.tracker.system.ApiProblem;
import dev.p2pshare.tracker.system.Validation;
import dev.p2pshare.tracker.user.User;
import dev.p2pshare.tracker.user.UserRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The group rules: the creator owns; open groups admit at once, private ones by the owner's accepting a
 * request; a membership may have an end (given on accepting, or the group's default length), and one past it
 * counts as none everywhere; the owner leaves only by naming a successor, or as the last member, which ends the
 * group; the owner may delete the group. Leaving, removal, expiry and deletion publish {@link MemberLeft}, which
 * ends that member's holdings in the group (the files side listens: groups know nothing of files). Every change
 * of one group's membership runs under a row lock on that group, so concurrent changes on several tracker
 * instances cannot leave it without an owner.
 */
@Service
public class GroupService {
    /** The longest default membership an owner may set: beyond it "for good" says the same. */
    private static final Duration LONGEST_TTL = Duration.ofDays(36_500);
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
        if (members.lockMember(group.groupId(), me.userId(), clock.instant()).isEmpty()) {
            throw GroupAccess.notAMember(group.name());
        }
    }

    /**
     * The names of the groups {@code me} is a member of, which are the only ones its agent may hold files in;
     * with an API key, only those the key reaches.
     */
    @Transactional(readOnly = true)
    public List<String> memberOf(CurrentUser me) {
        return members.groupNamesOf(me.userId(), clock.instant()).stream().filter(me::reaches).toList();
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
        members.save(new GroupMember(group.getId(), me.userId(), now, null));
        return new GroupSummary(name, me.username(), isPrivate, 1, 0, Membership.OWNER);
    }

    /** Every group with {@code me}'s standing; with an API key limited to some groups, only those. */
    @Transactional(readOnly = true)
    public List<GroupSummary> list(CurrentUser me) {
        return groups.listFor(me.userId(), clock.instant()).stream().map(GroupRow::toSummary)
                .filter(g -> me.reaches(g.name())).toList();
    }

    /** One group as {@link #list} shows it; every user may see it, as every user may list the groups. */
    @Transactional(readOnly = true)
    public GroupSummary details(CurrentUser me, String groupName) {
        Validation.requireName("group", groupName);
        return groups.rowFor(groupName, me.userId(), clock.instant()).map(GroupRow::toSummary)
                .orElseThrow(() -> GroupAccess.noSuchGroup(groupName));
    }

    /** The current members, longest-standing first; seen by whoever may read the group's files. */
    @Transactional(readOnly = true)
    public List<MemberInfo> members(CurrentUser me, String groupName) {
        Validation.requireName("group", groupName);
        ShareGroup group = groups.findByName(groupName).orElseThrow(() -> GroupAccess.noSuchGroup(groupName));
        if (!accessOf(group, me).canRead()) throw GroupAccess.notReadable(groupName);
        return members.currentMembers(group.getId(), clock.instant()).stream()
                .map(member -> member.toInfo(group.getOwnerId())).toList();
    }

    /** The owner sets how long memberships granted from now on last (null: for good). */
    @Transactional
    public GroupSummary configure(CurrentUser me, String groupName, GroupSettings settings) {
        Validation.requireBody(settings);
        ShareGroup group = lock(groupName);
        requireOwner(accessOf(group, me), "change its settings");
        Duration ttl = settings.memberTtl();
        if (ttl != null && (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(LONGEST_TTL) > 0)) {
            throw ApiProblem.badRequest("memberTtl must be between PT1S and P36500D, or null for memberships that do not end");
        }
        group.setMemberTtl(ttl);
        groups.flush();
        return details(me, groupName);
    }

    /** The owner deletes the group: every member loses access at once, and its files, holdings and requests go. */
    @Transactional
    public void delete(CurrentUser me, String groupName) {
        ShareGroup group = lock(groupName);
        requireOwner(accessOf(group, me), "delete it");
        end(group);
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
            endIfExpired(group, me.userId(), now);
            members.save(new GroupMember(group.getId(), me.userId(), now, group.defaultExpiry(now)));
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

    /**
     * The owner accepts {@code username}'s request; the membership ends at {@code expiresAt} (ISO-8601 instant),
     * or when the group's default length says, or never. Given for someone who is a member already, it sets
     * when that membership ends.
     */
    @Transactional
    public JoinResult accept(CurrentUser me, String groupName, String username, String expiresAt) {
        ShareGroup group = lock(groupName);
        requireOwner(accessOf(group, me), "accept join requests");
        User user = user(username);
        Instant now = clock.instant();
        Instant until = expiresAt == null ? null : futureInstant(expiresAt, now);
        if (until != null && group.getOwnerId().equals(user.getId())) {
            throw ApiProblem.badRequest("the owner's membership does not expire");
        }
        endIfExpired(group, user.getId(), now);
        GroupMember existing = members.findByGroupIdAndUserId(group.getId(), user.getId()).orElse(null);
        if (existing != null) {
            requests.deleteRequest(group.getId(), user.getId());
            if (until != null) existing.expireAt(until);
            return result(group, username, membershipOf(group, user.getId()));
        }
        if (requests.deleteRequest(group.getId(), user.getId()) == 0) {
            throw ApiProblem.notFound("no join request from " + username + " in " + groupName);
        }
        members.save(new GroupMember(group.getId(), user.getId(), now, until != null ? until : group.defaultExpiry(now)));
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

    /**
     * {@code username} leaves (when it is the caller) or is removed by the owner. The owner leaves only by naming
     * a member as the next owner ({@code transferTo}), or as the last member, which deletes the group.
     */
    @Transactional
    public void remove(CurrentUser me, String groupName, String username, String transferTo) {
        ShareGroup group = lock(groupName);
        User user = selfOrAsOwner(group, me, username, "remove other members");
        boolean self = user.getId() == me.userId();
        boolean owner = group.getOwnerId().equals(user.getId());
        if (transferTo != null && !(self && owner)) {
            throw ApiProblem.badRequest("transferTo is only for the owner of " + groupName + " leaving it");
        }
        if (owner) {
            leaveAsOwner(group, user, transferTo);
            return;
        }
        if (members.deleteMember(group.getId(), user.getId()) == 0) {
            if (self && requests.deleteRequest(group.getId(), user.getId()) > 0) return; // withdrew a request
            throw ApiProblem.notFound(username + " is not a member of " + groupName);
        }
        events.publishEvent(new MemberLeft(group.getId(), user.getId()));
    }

    private void leaveAsOwner(ShareGroup group, User owner, String transferTo) {
        String name = group.getName();
        List<MemberRow> others = members.currentMembers(group.getId(), clock.instant()).stream()
                .filter(member -> !member.userId().equals(owner.getId())).toList();
        if (transferTo == null) {
            if (others.isEmpty()) {
                end(group);
                return;
            }
            throw ApiProblem.conflict("you own " + name + ": name a new owner with --transfer-to <user>, or delete_group " + name);
        }
        Validation.requireName("user", transferTo);
        MemberRow next = others.stream().filter(member -> member.username().equalsIgnoreCase(transferTo)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound(transferTo + " is not a member of " + name + " (other than you)"));
        members.deleteMember(group.getId(), owner.getId());
        events.publishEvent(new MemberLeft(group.getId(), owner.getId()));
        group.handOverTo(next.userId());
        members.findByGroupIdAndUserId(group.getId(), next.userId()).ifPresent(member -> member.expireAt(null));
    }

    /** Every member leaves (their holdings go with {@link MemberLeft}), then the group with its requests and files. */
    private void end(ShareGroup group) {
        for (Long userId : members.userIdsOf(group.getId())) events.publishEvent(new MemberLeft(group.getId(), userId));
        groups.delete(group); // the database cascades to memberships, requests, files and holdings
    }

    /**
     * Ends the membership of {@code userId} when it has expired, as its removal would: for the sweep of expired
     * memberships, and before such a user joins again.
     */
    @Transactional
    public boolean endExpired(Long groupId, Long userId) {
        ShareGroup group = groups.lockById(groupId).orElse(null);
        return group != null && endIfExpired(group, userId, clock.instant());
    }

    private boolean endIfExpired(ShareGroup group, Long userId, Instant now) {
        boolean expired = members.findByGroupIdAndUserId(group.getId(), userId)
                .filter(member -> !member.isCurrentAt(now)).isPresent();
        if (!expired) return false;
        members.deleteMember(group.getId(), userId);
        events.publishEvent(new MemberLeft(group.getId(), userId));
        return true;
    }

    /** An ISO-8601 instant after {@code now}; 400 otherwise. */
    private static Instant futureInstant(String text, Instant now) {
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("expiresAt must be an ISO-8601 instant such as 2026-12-31T00:00:00Z");
        }
        if (!instant.isAfter(now)) throw ApiProblem.badRequest("expiresAt must be in the future");
        return instant;
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
        return GroupAccess.standing(owner, owner || members.isMember(group.getId(), userId, clock.instant()));
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
