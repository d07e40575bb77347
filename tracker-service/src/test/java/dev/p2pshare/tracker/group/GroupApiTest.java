package dev.p2pshare.tracker.group;

import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.ChunkAvailability;
import dev.p2pshare.shared.tracker.CreateGroup;
import dev.p2pshare.shared.tracker.FileSummary;
import dev.p2pshare.shared.tracker.GroupSummary;
import dev.p2pshare.shared.tracker.JoinRequestInfo;
import dev.p2pshare.shared.tracker.JoinResult;
import dev.p2pshare.shared.tracker.Membership;
import dev.p2pshare.shared.tracker.PeerHolding;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerTest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.p2pshare.tracker.TrackerClient.filePath;
import static dev.p2pshare.tracker.TrackerClient.filesPath;
import static dev.p2pshare.tracker.TrackerClient.manifest;
import static dev.p2pshare.tracker.TrackerClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

class GroupApiTest extends TrackerTest {

    @Test
    void creatorOwnsTheNewGroup() {
        TrackerClient api = api();
        User alice = api.newUser();
        String name = uniqueName("photos");
        TrackerClient.Response created = api.post("/api/groups", alice.token(), new CreateGroup(name, null));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.as(GroupSummary.class))
                .isEqualTo(new GroupSummary(name, alice.name(), false, 1, 0, Membership.OWNER));
        assertThat(created.json().get("private").asBoolean()).isFalse();
    }

    @Test
    void duplicateGroupIsAConflictAndBadNamesAreRefused() {
        TrackerClient api = api();
        User alice = api.newUser();
        String name = api.newGroup(alice, false);
        assertThat(api.post("/api/groups", alice.token(), new CreateGroup(name, true)).problem(409)).contains(name);
        assertThat(api.post("/api/groups", alice.token(), new CreateGroup("two words", false)).problem(400)).contains("name");
        assertThat(api.post("/api/groups", alice.token(), new CreateGroup(null, false)).problem(400)).contains("name");
        assertThat(api.post("/api/groups", null, new CreateGroup(uniqueName("g"), false)).problem(401)).isNotBlank();
    }

    @Test
    void listingShowsOwnerKindCountsAndMyStanding() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String open = api.newGroup(alice, false);
        String closed = api.newGroup(alice, true);
        api.share(alice, open, manifest("a.txt", 10));
        api.join(bob, open);
        api.join(bob, closed);

        assertThat(group(api, bob, open)).isEqualTo(new GroupSummary(open, alice.name(), false, 2, 1, Membership.MEMBER));
        assertThat(group(api, bob, closed)).isEqualTo(new GroupSummary(closed, alice.name(), true, 1, 0, Membership.PENDING));
        assertThat(group(api, alice, closed).membership()).isEqualTo(Membership.OWNER);
        User carol = api.newUser();
        assertThat(group(api, carol, open).membership()).isEqualTo(Membership.NONE);
    }

    @Test
    void joiningAnOpenGroupIsImmediate() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String group = api.newGroup(alice, false);
        TrackerClient.Response joined = api.post("/api/groups/" + group + "/join-requests", bob.token(), null);
        assertThat(joined.status()).isEqualTo(201);
        assertThat(joined.as(JoinResult.class)).isEqualTo(new JoinResult(group, bob.name(), Membership.MEMBER));
        TrackerClient.Response again = api.post("/api/groups/" + group + "/join-requests", bob.token(), null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.as(JoinResult.class).membership()).isEqualTo(Membership.MEMBER);
        assertThat(api.get("/api/groups/" + group + "/join-requests", alice.token()).as(JoinRequestInfo[].class)).isEmpty();
    }

    @Test
    void privateGroupJoinIsARequestTheOwnerAccepts() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String group = api.newGroup(alice, true);
        TrackerClient.Response requested = api.post("/api/groups/" + group + "/join-requests", bob.token(), null);
        assertThat(requested.status()).isEqualTo(201);
        assertThat(requested.as(JoinResult.class).membership()).isEqualTo(Membership.PENDING);
        assertThat(api.post("/api/groups/" + group + "/join-requests", bob.token(), null).status()).isEqualTo(200);

        JoinRequestInfo[] pending = api.get("/api/groups/" + group + "/join-requests", alice.token()).as(JoinRequestInfo[].class);
        assertThat(pending).extracting(JoinRequestInfo::username).containsExactly(bob.name());
        assertThat(pending[0].requestedAt()).isNotNull();

        TrackerClient.Response accepted = api.accept(alice, group, bob);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.as(JoinResult.class)).isEqualTo(new JoinResult(group, bob.name(), Membership.MEMBER));
        assertThat(group(api, bob, group).membership()).isEqualTo(Membership.MEMBER);
        assertThat(api.get("/api/groups/" + group + "/join-requests", alice.token()).as(JoinRequestInfo[].class)).isEmpty();
        assertThat(api.get(filesPath(group), bob.token()).status()).isEqualTo(200);
    }

    @Test
    void onlyTheOwnerListsAndAcceptsRequests() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        User carol = api.newUser();
        String group = api.newGroup(alice, true);
        api.join(bob, group);
        api.join(carol, group);
        api.accept(alice, group, carol);

        assertThat(api.get("/api/groups/" + group + "/join-requests", carol.token()).problem(403)).contains("owner");
        assertThat(api.accept(carol, group, bob)
                .problem(403)).contains("owner");
        assertThat(api.accept(bob, group, bob)
                .problem(403)).contains("owner");
        assertThat(group(api, bob, group).membership()).isEqualTo(Membership.PENDING);
    }

    @Test
    void acceptingWithoutARequestOrForUnknownThingsIsNotFound() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String group = api.newGroup(alice, true);
        assertThat(api.accept(alice, group, bob)
                .problem(404)).contains("request");
        assertThat(api.post("/api/groups/" + group + "/join-requests/" + uniqueName("ghost") + "/accept", alice.token(), null)
                .problem(404)).contains("user");
        assertThat(api.post("/api/groups/" + uniqueName("nogroup") + "/join-requests", bob.token(), null).problem(404))
                .contains("group");
        assertThat(api.get("/api/groups/" + uniqueName("nogroup") + "/join-requests", bob.token()).problem(404))
                .contains("group");
        assertThat(api.post("/api/groups/bad%20name/join-requests", bob.token(), null).problem(400)).contains("name");
    }

    @Test
    void memberLeavesAndTheOwnerRemovesMembers() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        User carol = api.newUser();
        String group = api.newGroup(alice, false);
        api.join(bob, group);
        api.join(carol, group);

        assertThat(api.delete(members(group, carol.name()), bob.token()).problem(403)).contains("owner");
        assertThat(api.delete(members(group, bob.name()), bob.token()).status()).isEqualTo(204);
        assertThat(group(api, bob, group).membership()).isEqualTo(Membership.NONE);
        assertThat(api.delete(members(group, bob.name()), bob.token()).problem(404)).contains("not a member");
        assertThat(api.delete(members(group, carol.name()), alice.token()).status()).isEqualTo(204);
        assertThat(group(api, alice, group).members()).isEqualTo(1);
        assertThat(api.delete(members(group, uniqueName("ghost")), alice.token()).problem(404)).contains("user");
    }

    @Test
    void leavingEndsTheLeaversSeedingInTheGroup() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String group = api.newGroup(alice, false);
        api.join(bob, group);
        var shared = manifest("shared.bin", 2000);
        var bobs = manifest("bobs.bin", 3000);
        api.share(alice, group, shared);
        api.share(bob, group, shared);
        api.share(bob, group, bobs);
        api.announce(alice);
        api.announce(bob);

        api.delete(members(group, bob.name()), bob.token());
        FileSummary[] files = api.get(filesPath(group), alice.token()).as(FileSummary[].class);
        assertThat(files).extracting(FileSummary::name).containsExactly("shared.bin");
        assertThat(files[0].seeders()).isEqualTo(1);
        User carol = api.newUser();
        assertThat(api.details(carol, group, "shared.bin").peers())
                .extracting(p -> p.username()).containsExactly(alice.name());
    }

    @Test
    void leavingOrRemovalDropsEveryHoldingOfThatUserInTheGroupOnly() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        User carol = api.newUser();
        String group = api.newGroup(alice, false);
        String other = api.newGroup(alice, false);
        var file = manifest("film.mkv", 3L * Manifest.CHUNK_SIZE);
        for (User u : List.of(alice, bob, carol)) {
            api.join(u, group);
            api.join(u, other);
            api.announce(u);
            assertThat(api.share(u, other, file).status()).isEqualTo(201);
        }
        api.share(alice, group, file);
        api.share(bob, group, file);
        Bitfield first = new Bitfield(file.chunkCount());
        first.set(0);
        String seeders = filePath(group, file.name()) + "/seeders/me";
        assertThat(api.put(seeders, carol.token(), new ChunkAvailability(file.sha256(), first.toBase64())).status())
                .isEqualTo(204);
        User dave = api.newUser();
        assertThat(api.details(dave, group, file.name()).peers()).extracting(PeerHolding::username)
                .containsExactlyInAnyOrder(alice.name(), bob.name(), carol.name());

        api.delete(members(group, bob.name()), bob.token());
        api.delete(members(group, carol.name()), alice.token());

        assertThat(api.details(dave, group, file.name()).peers()).extracting(PeerHolding::username)
                .containsExactly(alice.name());
        assertThat(api.get(filesPath(group), dave.token()).as(FileSummary[].class)[0].seeders()).isEqualTo(1);
        assertThat(api.details(dave, other, file.name()).peers()).as("their holdings elsewhere stay")
                .extracting(PeerHolding::username).containsExactlyInAnyOrder(alice.name(), bob.name(), carol.name());
        // And they cannot come back as holders without joining again.
        assertThat(api.put(seeders, carol.token(), new ChunkAvailability(file.sha256(), null)).problem(403))
                .contains("only members");
    }

    @Test
    void ownerOnlyActionsAnswer403BeforeSayingWhetherAUserOrRequestExists() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        User carol = api.newUser();
        String group = api.newGroup(alice, true);
        api.admit(alice, group, bob);
        api.join(carol, group);
        String ghost = uniqueName("ghost");
        String requests = "/api/groups/" + group + "/join-requests";

        for (String someone : List.of(ghost, carol.name(), alice.name())) {
            String accept = api.post(requests + "/" + someone + "/accept", bob.token(), null).problem(403);
            String decline = api.delete(requests + "/" + someone, bob.token()).problem(403);
            String remove = api.delete(members(group, someone), bob.token()).problem(403);
            assertThat(List.of(accept, decline, remove)).allSatisfy(detail -> assertThat(detail)
                    .contains("owner").doesNotContain(someone));
        }
        assertThat(api.get(requests, bob.token()).problem(403)).contains("owner");
        // The owner does learn what is missing.
        assertThat(api.delete(members(group, ghost), alice.token()).problem(404)).contains("no user");
        assertThat(api.delete(requests + "/" + ghost, alice.token()).problem(404)).contains("no user");
        assertThat(api.delete(members(group, carol.name()), alice.token()).problem(404)).contains("not a member");
    }

    @Test
    void theOwnerLeavesOnlyByNamingTheNextOwner() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        User carol = api.newUser();
        String group = api.newGroup(alice, true);
        for (User u : List.of(carol, bob)) {
            api.join(u, group);
            api.accept(alice, group, u);
        }
        assertThat(api.delete(members(group, alice.name()), alice.token()).problem(409))
                .isEqualTo("you own " + group + ": name a new owner with --transfer-to <user>, or delete_group " + group);
        assertThat(group(api, alice, group).membership()).isEqualTo(Membership.OWNER);
        String leave = members(group, alice.name()) + "?transferTo=";
        assertThat(api.delete(leave + uniqueName("ghost"), alice.token()).problem(404)).contains("not a member");
        assertThat(api.delete(members(group, carol.name()) + "?transferTo=" + bob.name(), carol.token()).problem(400))
                .contains("owner");
        assertThat(api.delete(leave + bob.name(), alice.token()).status()).isEqualTo(204);
        GroupSummary after = group(api, bob, group);
        assertThat(after.owner()).isEqualTo(bob.name());
        assertThat(after.membership()).isEqualTo(Membership.OWNER);
        assertThat(after.members()).isEqualTo(2);
        // The new owner has the owner's powers, the old one has none.
        User dave = api.newUser();
        api.join(dave, group);
        assertThat(api.get("/api/groups/" + group + "/join-requests", bob.token()).status()).isEqualTo(200);
        assertThat(api.get(filesPath(group), alice.token()).problem(403)).contains("private");
    }

    @Test
    void whenTheLastMemberLeavesTheGroupAndItsSharesAreGone() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String group = api.newGroup(alice, false);
        api.share(alice, group, manifest("last.txt", 5));
        api.delete(members(group, alice.name()), alice.token());

        assertThat(Arrays.stream(api.get("/api/groups", bob.token()).as(GroupSummary[].class)).map(GroupSummary::name))
                .doesNotContain(group);
        assertThat(api.get(filesPath(group), bob.token()).problem(404)).contains("group");
        // The name is free again.
        assertThat(api.post("/api/groups", bob.token(), new CreateGroup(group, false)).status()).isEqualTo(201);
        assertThat(api.get(filesPath(group), bob.token()).as(FileSummary[].class)).isEmpty();
    }

    @Test
    void aPendingRequesterMayWithdrawByLeaving() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String group = api.newGroup(alice, true);
        api.join(bob, group);
        assertThat(api.delete(members(group, bob.name()), bob.token()).status()).isEqualTo(204);
        assertThat(api.get("/api/groups/" + group + "/join-requests", alice.token()).as(JoinRequestInfo[].class)).isEmpty();
    }

    @Test
    void theOwnerDeclinesARequestAndARequesterWithdrawsTheirs() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        User carol = api.newUser();
        String group = api.newGroup(alice, true);
        api.join(bob, group);
        api.join(carol, group);
        String requests = "/api/groups/" + group + "/join-requests/";
        assertThat(api.delete(requests + bob.name(), carol.token()).problem(403)).contains("owner");
        assertThat(api.delete(requests + bob.name(), alice.token()).status()).isEqualTo(204);
        assertThat(api.delete(requests + bob.name(), alice.token()).problem(404)).contains("request");
        assertThat(api.delete(requests + carol.name(), carol.token()).status()).isEqualTo(204);
        assertThat(api.get("/api/groups/" + group + "/join-requests", alice.token()).as(JoinRequestInfo[].class)).isEmpty();
        assertThat(group(api, bob, group).membership()).isEqualTo(Membership.NONE);
    }

    private static String members(String group, String user) {
        return "/api/groups/" + group + "/members/" + user;
    }

    /** {@code name} as the listing shows it to {@code caller}. */
    static GroupSummary group(TrackerClient api, User caller, String name) {
        return Arrays.stream(api.get("/api/groups", caller.token()).as(GroupSummary[].class))
                .filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }
}
