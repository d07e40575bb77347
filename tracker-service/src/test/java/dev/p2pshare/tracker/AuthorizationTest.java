package dev.p2pshare.tracker;

import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.ChunkAvailability;
import dev.p2pshare.shared.tracker.CreateGroup;
import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.shared.tracker.FileDetails;
import dev.p2pshare.shared.tracker.PeerAnnouncement;
import dev.p2pshare.shared.tracker.PeerHolding;
import dev.p2pshare.shared.tracker.UserInfo;
import dev.p2pshare.tracker.TrackerClient.Response;
import dev.p2pshare.tracker.TrackerClient.User;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.p2pshare.tracker.TrackerClient.PASSWORD;
import static dev.p2pshare.tracker.TrackerClient.filePath;
import static dev.p2pshare.tracker.TrackerClient.filesPath;
import static dev.p2pshare.tracker.TrackerClient.manifest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what: a session acts only for its own user, owner-only actions stay the owner's, a private
 * group shows nothing to outsiders, and whoever leaves or is removed loses access at once. (Revocation,
 * expiry and the sequential login throttle have their own tests in SessionApiTest and ExpiryTest.)
 */
class AuthorizationTest extends TrackerTest {

    @Test
    void aTokenActsOnlyForTheUserItBelongsTo() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        User carol = api.newUser();
        Manifest file = manifest("alices.bin", 10);
        String group = api.groupSharing(alice, true, file);
        api.admit(alice, group, bob);
        api.join(carol, group);
        api.announce(alice);

        assertThat(api.get("/api/users/me", bob.token()).as(UserInfo.class).username()).isEqualTo(bob.name());
        // Bob, a member, cannot remove Alice or withdraw Carol's request in their names.
        assertThat(api.delete(members(group, alice.name()), bob.token()).problem(403)).contains("owner");
        assertThat(api.delete("/api/groups/" + group + "/join-requests/" + carol.name(), bob.token()).problem(403))
                .contains("owner");
        // "me" is always the caller: Bob stopping sharing does not touch Alice's holding.
        assertThat(api.delete(filePath(group, file.name()) + "/seeders/me", bob.token()).status()).isEqualTo(204);
        FileDetails forBob = api.details(bob, group, file.name());
        assertThat(forBob.peers()).extracting(PeerHolding::username).containsExactly(alice.name());
        assertThat(api.grantDecoder().decode(forBob.grant()).getSubject()).isEqualTo(bob.name());
        // Announcing sets Bob's own peer URL, never Alice's.
        api.put("/api/peers/me", bob.token(), new PeerAnnouncement("http://127.0.0.1:7999"));
        assertThat(api.details(bob, group, file.name()).peers())
                .extracting(PeerHolding::url).containsExactly(TrackerClient.peerUrl(alice));
        // A token that differs from Alice's by one character is nobody's.
        String forged = alice.token().substring(0, alice.token().length() - 1)
                + (alice.token().endsWith("A") ? "B" : "A");
        assertThat(api.get("/api/users/me", forged).problem(401)).contains("session");
    }

    @Test
    void ownerOnlyActionsAreRefusedToMembers() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        User carol = api.newUser();
        User dave = api.newUser();
        String group = api.newGroup(alice, true);
        for (User member : List.of(bob, carol)) {
            api.admit(alice, group, member);
        }
        api.join(dave, group);
        String requests = "/api/groups/" + group + "/join-requests";

        assertThat(api.get(requests, bob.token()).problem(403)).contains("owner");
        assertThat(api.accept(bob, group, dave).problem(403)).contains("owner");
        assertThat(api.delete(requests + "/" + dave.name(), bob.token()).problem(403)).contains("owner");
        assertThat(api.delete(members(group, carol.name()), bob.token()).problem(403)).contains("owner");
        assertThat(api.delete(members(group, alice.name()), bob.token()).problem(403)).contains("owner");
        // Nothing changed: Dave still waits, everyone is still in.
        assertThat(api.get(requests, alice.token()).json()).hasSize(1);
        assertThat(api.get("/api/groups", alice.token()).json().valueStream()
                .filter(g -> g.get("name").asString().equals(group)).findFirst().orElseThrow()
                .get("members").asInt()).isEqualTo(3);
    }

    @Test
    void aRevokedTokenIsRefusedEverywhere() {
        TrackerClient api = api();
        User alice = api.newUser();
        Manifest file = manifest("revoked.bin", 10);
        String group = api.groupSharing(alice, false, file);
        String token = api.login(alice.name());
        assertThat(api.delete("/api/sessions/current", token).status()).isEqualTo(204);

        String fileUrl = filePath(group, file.name());
        List<String[]> calls = List.of(
                new String[]{"GET", "/api/users/me"}, new String[]{"GET", "/api/groups"},
                new String[]{"POST", "/api/groups"}, new String[]{"POST", "/api/groups/" + group + "/join-requests"},
                new String[]{"GET", "/api/groups/" + group + "/join-requests"},
                new String[]{"DELETE", members(group, alice.name())}, new String[]{"GET", filesPath(group)},
                new String[]{"POST", filesPath(group)}, new String[]{"GET", fileUrl},
                new String[]{"PUT", fileUrl + "/seeders/me"}, new String[]{"DELETE", fileUrl + "/seeders/me"},
                new String[]{"PUT", "/api/peers/me"}, new String[]{"DELETE", "/api/sessions/current"});
        for (String[] call : calls) {
            Response response = api.send(call[0], call[1], token, call[0].equals("POST") || call[0].equals("PUT") ? "{}" : null);
            assertThat(response.problem(401)).as(call[0] + " " + call[1]).contains("session");
        }
        // Nothing happened in the revoked session's name.
        assertThat(api.details(alice, group, file.name()).manifest()).isEqualTo(file);
    }

    @Test
    void aPrivateGroupShowsOutsidersNoFilesDetailsOrGrants() {
        TrackerClient api = api();
        User alice = api.newUser();
        User outsider = api.newUser();
        User requester = api.newUser();
        Manifest file = manifest("diary.txt", 100);
        String group = api.groupSharing(alice, true, file);
        api.announce(alice);
        api.join(requester, group);

        for (User stranger : List.of(outsider, requester)) {
            List<Response> answers = List.of(
                    api.get(filesPath(group), stranger.token()),
                    api.get(filePath(group, file.name()), stranger.token()),
                    api.get(filePath(group, "no such file"), stranger.token()),
                    api.put(filePath(group, file.name()) + "/seeders/me", stranger.token(),
                            new ChunkAvailability(file.sha256(), null)),
                    api.share(stranger, group, manifest("planted.txt", 1)));
            for (Response answer : answers) {
                answer.problem(403);
                assertThat(answer.body()).doesNotContain(file.sha256()).doesNotContain("grant")
                        .doesNotContain(alice.name() + "\"");
            }
            assertThat(api.get("/api/groups/" + group + "/join-requests", stranger.token()).problem(403)).contains("owner");
        }
        // The attempts left no trace: one file, one holder.
        FileDetails forAlice = api.details(alice, group, file.name());
        assertThat(forAlice.peers()).isEmpty();
        assertThat(api.get(filesPath(group), alice.token()).json()).hasSize(1);
    }

    @Test
    void aRemovedMemberGetsNoMoreGrantsAndMayStillStopSharing() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        User carol = api.newUser();
        Manifest file = manifest("plans.pdf", 3L * Manifest.CHUNK_SIZE);
        String group = api.groupSharing(alice, true, file);
        for (User member : List.of(bob, carol)) {
            api.admit(alice, group, member);
            api.announce(member);
        }
        api.announce(alice);
        assertThat(api.share(bob, group, file).status()).isEqualTo(201);
        assertThat(api.details(bob, group, file.name()).grant()).isNotBlank();

        assertThat(api.delete(members(group, bob.name()), alice.token()).status()).isEqualTo(204);
        String seeders = filePath(group, file.name()) + "/seeders/me";
        assertThat(api.get(filePath(group, file.name()), bob.token()).problem(403)).contains("private");
        assertThat(api.get(filesPath(group), bob.token()).problem(403)).contains("private");
        assertThat(api.put(seeders, bob.token(), new ChunkAvailability(file.sha256(), null)).problem(403)).contains("private");
        assertThat(api.share(bob, group, file).problem(403)).contains("member");
        // Removing one's own holding is always allowed, and tells an outsider nothing about the files.
        assertThat(api.delete(seeders, bob.token()).status()).isEqualTo(204);
        assertThat(api.delete(filePath(group, "never shared.txt") + "/seeders/me", bob.token()).status()).isEqualTo(204);
        assertThat(api.details(carol, group, file.name()).peers()).extracting(PeerHolding::username)
                .containsExactly(alice.name());
    }

    @Test
    void aMemberWhoLeftAPrivateGroupMayStopSharingThere() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        Manifest file = manifest("left.bin", 10);
        String group = api.groupSharing(alice, true, file);
        api.admit(alice, group, bob);
        api.share(bob, group, file);
        assertThat(api.delete(members(group, bob.name()), bob.token()).status()).isEqualTo(204);
        assertThat(api.delete(filePath(group, file.name()) + "/seeders/me", bob.token()).status()).isEqualTo(204);
        // Alice's holding is untouched, and for her an unknown file is still a 404.
        assertThat(api.get(filesPath(group), alice.token()).json()).hasSize(1);
        assertThat(api.delete(filePath(group, "unknown.bin") + "/seeders/me", alice.token()).problem(404)).contains("no file");
    }

    /**
     * Chunk reports race the reporter's leaving a private group: whichever comes second sees the first,
     * so the leaver is never listed as a holder afterwards.
     */
    @Test
    void chunkReportsRacingALeaveNeverKeepTheLeaverListed() throws Exception {
        TrackerClient api = api();
        User alice = api.newUser();
        Manifest file = manifest("race.bin", 4L * Manifest.CHUNK_SIZE);
        String group = api.groupSharing(alice, true, file);
        Bitfield some = new Bitfield(file.chunkCount());
        some.set(1);
        String seeders = filePath(group, file.name()) + "/seeders/me";
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 8; round++) {
                User bob = api.newUser();
                api.admit(alice, group, bob);
                api.announce(bob);
                AtomicBoolean stop = new AtomicBoolean();
                List<Future<List<Integer>>> reporters = new ArrayList<>();
                for (int r = 0; r < 2; r++) {
                    Callable<List<Integer>> reporter = () -> {
                        List<Integer> statuses = new ArrayList<>();
                        for (int i = 0; i < 200 && !stop.get(); i++) {
                            statuses.add(api.put(seeders, bob.token(), new ChunkAvailability(file.sha256(), some.toBase64())).status());
                        }
                        return statuses;
                    };
                    reporters.add(pool.submit(reporter));
                }
                Thread.sleep(5L * round);
                assertThat(api.delete(members(group, bob.name()), bob.token()).status()).isEqualTo(204);
                stop.set(true);
                for (Future<List<Integer>> reporter : reporters) {
                    assertThat(reporter.get(30, TimeUnit.SECONDS)).isSubsetOf(204, 403);
                }
                assertThat(api.details(alice, group, file.name()).peers()).as("round " + round)
                        .extracting(PeerHolding::username).doesNotContain(bob.name());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Many wrong passwords at once for one name: no more are checked than the throttle allows. */
    @Test
    void aParallelBruteForceGetsNoMoreTriesThanTheLimit() throws Exception {
        TrackerClient api = api();
        User victim = api.newUser();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String guess = "guess-" + i;
                attempts.add(pool.submit(() -> api.post("/api/sessions", null, new Credentials(victim.name(), guess)).status()));
            }
            int wrong = 0;
            int limited = 0;
            for (Future<Integer> attempt : attempts) {
                int status = attempt.get(60, TimeUnit.SECONDS);
                assertThat(status).isIn(401, 429);
                if (status == 401) wrong++;
                else limited++;
            }
            assertThat(wrong).as("passwords checked").isLessThanOrEqualTo(5);
            assertThat(limited).isGreaterThanOrEqualTo(19);
            // A refused attempt is not counted itself, so the right password is refused only while the counted
            // failures fill the window.
            Response right = api.post("/api/sessions", null, new Credentials(victim.name(), PASSWORD));
            if (wrong == 5) assertThat(right.problem(429)).contains("too many");
            else assertThat(right.status()).isEqualTo(201);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void groupNamesCannotBeTakenOverByRecreating() {
        TrackerClient api = api();
        User alice = api.newUser();
        User mallory = api.newUser();
        String group = api.newGroup(alice, true);
        assertThat(api.post("/api/groups", mallory.token(), new CreateGroup(group, false)).problem(409)).contains(group);
        assertThat(api.get("/api/groups/" + group + "/join-requests", mallory.token()).problem(403)).contains("owner");
    }

    private static String members(String group, String user) {
        return "/api/groups/" + group + "/members/" + user;
    }
}
