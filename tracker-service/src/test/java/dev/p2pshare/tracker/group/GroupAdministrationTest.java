package dev.p2pshare.tracker.group;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.CreateGroup;
import dev.p2pshare.shared.tracker.FileSummary;
import dev.p2pshare.shared.tracker.GroupSettings;
import dev.p2pshare.shared.tracker.GroupSummary;
import dev.p2pshare.shared.tracker.MemberInfo;
import dev.p2pshare.shared.tracker.Membership;
import dev.p2pshare.shared.tracker.PeerAnnouncement;
import dev.p2pshare.shared.tracker.PeerHolding;
import dev.p2pshare.shared.tracker.PeerStanding;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

import static dev.p2pshare.tracker.TrackerClient.filePath;
import static dev.p2pshare.tracker.TrackerClient.filesPath;
import static dev.p2pshare.tracker.TrackerClient.manifest;
import static dev.p2pshare.tracker.TrackerClient.peerUrl;
import static dev.p2pshare.tracker.TrackerClient.uniqueName;
import static dev.p2pshare.tracker.group.GroupApiTest.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What an owner does to a group besides admitting: members, details, settings, expiry, deletion. */
class GroupAdministrationTest extends TrackerTest {
    /** How long the memberships that are meant to expire during a test last. */
    private static final Duration SHORT = Duration.ofSeconds(2);

    @Autowired
    ExpiredMemberships sweep;

    @Test
    void membersAreListedWithRoleSinceAndExpiryToWhoeverMayReadTheGroup() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        User stranger = api.newUser();
        String closed = api.newGroup(alice, true);
        api.join(bob, closed);
        Instant until = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        assertThat(api.post(accept(closed, bob) + "?expiresAt=" + until, alice.token(), null).status()).isEqualTo(200);

        MemberInfo[] listed = api.get(membersPath(closed), bob.token()).as(MemberInfo[].class);
        assertThat(listed).extracting(MemberInfo::username, MemberInfo::role, MemberInfo::expiresAt)
                .containsExactly(tuple(alice.name(), Membership.OWNER, null),
                        tuple(bob.name(), Membership.MEMBER, until));
        assertThat(listed[0].since()).isBeforeOrEqualTo(listed[1].since());
        assertThat(api.get(membersPath(closed), stranger.token()).problem(403)).contains("private");
        assertThat(group(api, bob, closed).expiresAt()).as("the caller's own expiry").isEqualTo(until);
        assertThat(group(api, alice, closed).expiresAt()).isNull();

        String open = api.newGroup(alice, false);
        assertThat(api.get(membersPath(open), stranger.token()).as(MemberInfo[].class))
                .extracting(MemberInfo::username).containsExactly(alice.name());
        assertThat(api.get(membersPath(uniqueName("nogroup")), stranger.token()).problem(404)).contains("group");
    }

    @Test
    void oneGroupsDetailsAreWhatTheListingShows() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String group = api.groupSharing(alice, true, manifest("one.bin", 10));
        api.join(bob, group);
        GroupSummary details = api.get("/api/groups/" + group, bob.token()).as(GroupSummary.class);
        assertThat(details).isEqualTo(group(api, bob, group));
        assertThat(details.membership()).isEqualTo(Membership.PENDING);
        assertThat(details.files()).isEqualTo(1);
        assertThat(api.get("/api/groups/" + uniqueName("nogroup"), bob.token()).problem(404)).contains("group");
        assertThat(api.get("/api/groups/bad%20name", bob.token()).problem(400)).contains("name");
    }

    @Test
    void onlyTheOwnerSetsTheDefaultMembershipLengthWithinBounds() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String group = api.newGroup(alice, false);
        api.join(bob, group);
        assertThat(api.send("PATCH", "/api/groups/" + group, bob.token(), new GroupSettings(Duration.ofDays(30)))
                .problem(403)).contains("owner");
        assertThat(api.send("PATCH", "/api/groups/" + group, alice.token(), "{\"memberTtl\":\"PT0S\"}").problem(400))
                .contains("memberTtl");
        assertThat(api.send("PATCH", "/api/groups/" + group, alice.token(), "{\"memberTtl\":\"P30D\"}")
                .as(GroupSummary.class).memberTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(group(api, bob, group).memberTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(api.send("PATCH", "/api/groups/" + group, alice.token(), "{\"memberTtl\":null}")
                .as(GroupSummary.class).memberTtl()).isNull();
    }

    @Test
    void acceptingTakesOnlyAFutureInstantAndNeverForTheOwner() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String group = api.newGroup(alice, true);
        api.join(bob, group);
        assertThat(api.post(accept(group, bob) + "?expiresAt=2020-01-01T00:00:00Z", alice.token(), null).problem(400))
                .contains("future");
        assertThat(api.post(accept(group, bob) + "?expiresAt=soon", alice.token(), null).problem(400))
                .contains("ISO-8601");
        assertThat(api.post(accept(group, alice) + "?expiresAt=" + Instant.now().plus(SHORT), alice.token(), null)
                .problem(400)).contains("owner");
        assertThat(group(api, bob, group).membership()).isEqualTo(Membership.PENDING);
    }

    @Test
    void anExpiredMemberIsNoMemberAndTheSweepDropsWhatTheyHeld() throws InterruptedException {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        Manifest file = manifest("expiring.bin", 10);
        String group = api.groupSharing(alice, true, file);
        api.join(bob, group);
        Instant until = Instant.now().plus(SHORT);
        assertThat(api.post(accept(group, bob) + "?expiresAt=" + until, alice.token(), null).status()).isEqualTo(200);
        assertThat(api.share(bob, group, file).status()).isEqualTo(201);
        api.announce(bob);
        assertThat(api.details(alice, group, file.name()).peers()).extracting(PeerHolding::username).contains(bob.name());

        sleepUntil(until);
        // Every check treats the membership as gone already, before any sweep.
        assertThat(api.get(filePath(group, file.name()), bob.token()).problem(403)).contains("private");
        assertThat(api.share(bob, group, file).problem(403)).contains("members");
        assertThat(api.get(membersPath(group), alice.token()).as(MemberInfo[].class))
                .extracting(MemberInfo::username).containsExactly(alice.name());
        assertThat(group(api, bob, group).membership()).isEqualTo(Membership.NONE);
        assertThat(group(api, alice, group).members()).isEqualTo(1);
        assertThat(heartbeat(api, bob).memberOf()).doesNotContain(group);

        sweep.sweep();
        assertThat(api.details(alice, group, file.name()).peers()).extracting(PeerHolding::username)
                .doesNotContain(bob.name());
        // Asking again is a new request, accepted as a new membership.
        api.join(bob, group);
        assertThat(api.accept(alice, group, bob).status()).isEqualTo(200);
        assertThat(group(api, bob, group).membership()).isEqualTo(Membership.MEMBER);
        assertThat(group(api, bob, group).expiresAt()).isNull();
    }

    @Test
    void joiningAnOpenGroupLastsTheOwnersDefaultAndMayBeRenewedByJoiningAgain() throws InterruptedException {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String group = api.newGroup(alice, false);
        api.send("PATCH", "/api/groups/" + group, alice.token(), new GroupSettings(SHORT));
        Instant before = Instant.now();
        api.join(bob, group);
        Instant until = group(api, bob, group).expiresAt();
        assertThat(until).isBetween(before.plus(SHORT).minusSeconds(1), Instant.now().plus(SHORT).plusSeconds(1));
        assertThat(api.share(bob, group, manifest("mine.bin", 5)).status()).isEqualTo(201);

        sleepUntil(until);
        assertThat(group(api, bob, group).membership()).isEqualTo(Membership.NONE);
        assertThat(api.share(bob, group, manifest("later.bin", 5)).problem(403)).contains("members");
        // Open groups stay readable to everyone, and joining again (before the sweep) starts a new membership.
        api.join(bob, group);
        assertThat(group(api, bob, group).membership()).isEqualTo(Membership.MEMBER);
        assertThat(api.get(filesPath(group), bob.token()).as(FileSummary[].class)).as("the old holding went")
                .extracting(FileSummary::name).doesNotContain("mine.bin");
    }

    @Test
    void deletingAGroupEndsEveryMembersAccessAtOnce() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        Manifest file = manifest("doomed.bin", 10);
        String group = api.groupSharing(alice, true, file);
        api.admit(alice, group, bob);
        assertThat(api.share(bob, group, file).status()).isEqualTo(201);
        User carol = api.newUser();
        api.join(carol, group);

        assertThat(api.delete("/api/groups/" + group, bob.token()).problem(403)).contains("owner");
        assertThat(api.details(bob, group, file.name()).grant()).isNotBlank();
        assertThat(api.delete("/api/groups/" + group, alice.token()).status()).isEqualTo(204);

        assertThat(api.get(filePath(group, file.name()), bob.token()).problem(404)).contains("group");
        assertThat(api.get("/api/groups/" + group, carol.token()).problem(404)).contains("group");
        assertThat(heartbeat(api, bob).memberOf()).doesNotContain(group);
        assertThat(Arrays.stream(api.get("/api/groups", bob.token()).as(GroupSummary[].class)).map(GroupSummary::name))
                .doesNotContain(group);
        assertThat(api.delete("/api/groups/" + group, alice.token()).problem(404)).contains("group");
        // The name is free, and nothing of the old group comes back with it.
        assertThat(api.post("/api/groups", carol.token(), new CreateGroup(group, true)).status()).isEqualTo(201);
        assertThat(api.get(filesPath(group), carol.token()).as(FileSummary[].class)).isEmpty();
        assertThat(api.get(membersPath(group), carol.token()).as(MemberInfo[].class))
                .extracting(MemberInfo::username).containsExactly(carol.name());
    }

    private static PeerStanding heartbeat(TrackerClient api, User user) {
        return api.put("/api/peers/me", user.token(), new PeerAnnouncement(peerUrl(user))).as(PeerStanding.class);
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), instant).toMillis()) + 200);
    }

    private static String membersPath(String group) {
        return "/api/groups/" + group + "/members";
    }

    private static String accept(String group, User user) {
        return "/api/groups/" + group + "/join-requests/" + user.name() + "/accept";
    }
}
