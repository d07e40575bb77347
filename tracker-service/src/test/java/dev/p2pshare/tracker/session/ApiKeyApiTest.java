package dev.p2pshare.tracker.session;

import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.ApiKeyInfo;
import dev.p2pshare.shared.tracker.ChunkAvailability;
import dev.p2pshare.shared.tracker.CreateApiKey;
import dev.p2pshare.shared.tracker.CreateGroup;
import dev.p2pshare.shared.tracker.FileDetails;
import dev.p2pshare.shared.tracker.GroupSummary;
import dev.p2pshare.shared.tracker.NewApiKey;
import dev.p2pshare.shared.tracker.PeerAnnouncement;
import dev.p2pshare.shared.tracker.PeerStanding;
import dev.p2pshare.shared.tracker.UserInfo;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.Response;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.p2pshare.tracker.TrackerClient.filePath;
import static dev.p2pshare.tracker.TrackerClient.filesPath;
import static dev.p2pshare.tracker.TrackerClient.manifest;
import static dev.p2pshare.tracker.TrackerClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** API keys: made and revoked with a session, used as a bearer, held to their groups, read-only and expiry. */
class ApiKeyApiTest extends TrackerTest {
    private static final String KEYS = "/api/users/me/api-keys";

    @Test
    void aKeyIsShownOnceWorksAsABearerAndStopsWhenRevoked() {
        TrackerClient api = api();
        User alice = api.newUser();
        Response created = api.post(KEYS, alice.token(), new CreateApiKey("backup", null, null, null, "P90D"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        NewApiKey key = created.as(NewApiKey.class);
        assertThat(key.key()).startsWith("p2pk_");
        assertThat(secretOf(key)).as("256 random bits, Base64url").hasSize(43);
        assertThat(key.info().name()).isEqualTo("backup");
        assertThat(key.info().readOnly()).isFalse();
        assertThat(key.info().expiresAt()).isCloseTo(Instant.now().plus(Duration.ofDays(90)), within(Duration.ofMinutes(1)));

        assertThat(api.get("/api/users/me", key.key()).as(UserInfo.class).username()).isEqualTo(alice.name());
        Response listed = api.get(KEYS, alice.token());
        assertThat(listed.body()).doesNotContain(key.key()).doesNotContain(secretOf(key));
        ApiKeyInfo info = listed.as(ApiKeyInfo[].class)[0];
        assertThat(info.name()).isEqualTo("backup");
        assertThat(info.groups()).isEmpty();
        assertThat(info.lastUsedAt()).isNotNull();

        assertThat(api.delete(KEYS + "/backup", alice.token()).status()).isEqualTo(204);
        assertThat(api.get("/api/users/me", key.key()).problem(401)).contains("revoked");
        assertThat(api.get(KEYS, alice.token()).as(ApiKeyInfo[].class)).isEmpty();
        assertThat(api.delete(KEYS + "/backup", alice.token()).problem(404)).contains("backup");
        // A key of the right shape with a wrong secret, or a made-up one, is no key.
        String forged = key.key().substring(0, key.key().length() - secretOf(key).length()) + "x".repeat(43);
        assertThat(api.get("/api/users/me", forged).problem(401)).isNotBlank();
        assertThat(api.get("/api/users/me", "p2pk_99999999999999999999_x").problem(401)).isNotBlank();
        assertThat(api.get("/api/users/me", "p2pk_").problem(401)).isNotBlank();
    }

    @Test
    void keysAreManagedWithASessionOnly() {
        TrackerClient api = api();
        User alice = api.newUser();
        String key = newKey(api, alice, new CreateApiKey(uniqueName("k"), null, false, null, null));
        assertThat(api.post(KEYS, key, new CreateApiKey("another", null, null, null, null)).problem(403)).contains("login session");
        assertThat(api.get(KEYS, key).problem(403)).contains("login session");
        assertThat(api.delete(KEYS + "/another", key).problem(403)).contains("login session");
        // Someone else's key of the same name is not touched by my revoking.
        User bob = api.newUser();
        String bobs = newKey(api, bob, new CreateApiKey("backup", null, null, null, null));
        newKey(api, alice, new CreateApiKey("backup", null, null, null, null));
        assertThat(api.delete(KEYS + "/backup", alice.token()).status()).isEqualTo(204);
        assertThat(api.get("/api/users/me", bobs).status()).isEqualTo(200);
    }

    @Test
    void aReadOnlyKeyReadsAndFetchesGrantsButChangesNothing() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        Manifest file = manifest("report.pdf", 5000);
        String group = api.groupSharing(bob, false, file);
        api.announce(bob);
        api.join(alice, group);
        String key = newKey(api, alice, new CreateApiKey("reader", List.of(group), true, null, null));

        assertThat(api.get(filesPath(group), key).status()).isEqualTo(200);
        FileDetails details = api.get(filePath(group, file.name()), key).as(FileDetails.class);
        assertThat(details.grant()).isNotBlank();
        assertThat(details.peers()).hasSize(1);
        assertThat(api.get("/api/groups", key).status()).isEqualTo(200);
        // Its agent may say it is online, and go offline.
        assertThat(api.put("/api/peers/me", key, new PeerAnnouncement("http://reader.peers.test:7000")).status()).isEqualTo(200);
        assertThat(api.delete("/api/sessions/current", key).status()).isEqualTo(204);
        assertThat(api.get("/api/users/me", key).status()).as("logging out with a key does not revoke it").isEqualTo(200);

        String full = Bitfield.full(file.chunkCount()).toBase64();
        assertThat(api.share(alice, group, manifest("new.txt", 10)).status()).isEqualTo(201);
        List<Response> changes = List.of(
                api.post(filesPath(group), key, manifest("other.txt", 10)),
                api.put(filePath(group, file.name()) + "/seeders/me", key, new ChunkAvailability(file.sha256(), full)),
                api.delete(filePath(group, "new.txt") + "/seeders/me", key),
                api.post("/api/groups", key, new CreateGroup(uniqueName("g"), false)),
                api.post("/api/groups/" + group + "/join-requests", key, null),
                api.delete("/api/groups/" + group + "/members/" + alice.name(), key),
                api.delete("/api/groups/" + group + "/join-requests/" + alice.name(), key),
                api.post("/api/groups/" + group + "/join-requests/" + bob.name() + "/accept", key, null));
        for (Response refused : changes) assertThat(refused.problem(403)).isEqualTo("this API key is read-only");
        // Nothing changed: alice still a member, still holding new.txt, not holding report.pdf, no other.txt.
        api.announce(alice);
        assertThat(api.details(bob, group, file.name()).peers()).isEmpty();
        assertThat(api.details(bob, group, "new.txt").peers()).hasSize(1);
        assertThat(api.get(filesPath(group), bob.token()).body()).doesNotContain("other.txt");
        assertThat(api.get("/api/groups", alice.token()).as(GroupSummary[].class))
                .filteredOn(g -> g.name().equals(group)).extracting(GroupSummary::members).containsExactly(2);
    }

    @Test
    void aKeyLimitedToGroupsSeesAndReachesNoOther() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String mine = api.newGroup(alice, false);
        String other = api.groupSharing(alice, true, manifest("secret.txt", 10));
        String bobs = api.groupSharing(bob, false, manifest("public.txt", 10));
        String key = newKey(api, alice, new CreateApiKey("photos", List.of(mine.toUpperCase()), false, null, null));

        assertThat(api.get("/api/groups", key).as(GroupSummary[].class)).extracting(GroupSummary::name).containsExactly(mine);
        assertThat(api.get("/api/groups", alice.token()).as(GroupSummary[].class)).extracting(GroupSummary::name)
                .contains(mine, other, bobs);
        PeerStanding standing = api.put("/api/peers/me", key, new PeerAnnouncement(TrackerClient.peerUrl(alice)))
                .as(PeerStanding.class);
        assertThat(standing.memberOf()).containsExactly(mine);

        String limited = "this API key is limited to the groups " + mine;
        assertThat(api.get(filesPath(other), key).problem(403)).isEqualTo(limited);
        assertThat(api.get(filePath(other, "secret.txt"), key).problem(403)).isEqualTo(limited);
        assertThat(api.get(filesPath(bobs), key).problem(403)).isEqualTo(limited);
        assertThat(api.post("/api/groups/" + bobs + "/join-requests", key, null).problem(403)).isEqualTo(limited);
        assertThat(api.get("/api/groups/" + other + "/join-requests", key).problem(403)).isEqualTo(limited);
        assertThat(api.delete("/api/groups/" + other + "/members/" + alice.name(), key).problem(403)).isEqualTo(limited);
        assertThat(api.post("/api/groups", key, new CreateGroup(uniqueName("g"), false)).problem(403))
                .contains("cannot create groups");
        // In its own group, spelled in any case, it may do what alice may.
        assertThat(api.post(filesPath(mine.toUpperCase()), key, manifest("holiday.jpg", 10)).status()).isEqualTo(201);
        assertThat(api.get(filesPath(mine), key).body()).contains("holiday.jpg");
    }

    @Test
    void anExpiredKeyIsUnauthorized() throws InterruptedException {
        TrackerClient api = api();
        User alice = api.newUser();
        Response created = api.post(KEYS, alice.token(), new CreateApiKey("brief", null, true, null, "PT2S"));
        NewApiKey key = created.as(NewApiKey.class);
        assertThat(api.get("/api/users/me", key.key()).status()).isEqualTo(200);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), key.info().expiresAt()).toMillis()) + 300);
        assertThat(api.get("/api/users/me", key.key()).problem(401)).contains("expired");
        // Still listed (so its owner sees it ran out) until revoked.
        assertThat(api.get(KEYS, alice.token()).as(ApiKeyInfo[].class)).extracting(ApiKeyInfo::name).containsExactly("brief");
    }

    @Test
    void badRequestsForKeysAreRefusedClearly() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String bobsPrivate = api.newGroup(bob, true);
        assertThat(api.post(KEYS, alice.token(), new CreateApiKey("two words", null, null, null, null)).problem(400)).contains("name");
        assertThat(api.post(KEYS, alice.token(), new CreateApiKey(null, null, null, null, null)).problem(400)).contains("name");
        assertThat(api.post(KEYS, alice.token(), null).problem(400)).contains("body");
        assertThat(api.post(KEYS, alice.token(), new CreateApiKey("k", null, null, null, "90 days")).problem(400)).contains("ttl");
        assertThat(api.post(KEYS, alice.token(), new CreateApiKey("k", null, null, null, "-P1D")).problem(400)).contains("expire");
        assertThat(api.post(KEYS, alice.token(), new CreateApiKey("k", null, null, Instant.now().minusSeconds(5), null))
                .problem(400)).contains("expire");
        assertThat(api.post(KEYS, alice.token(), new CreateApiKey("k", null, null, Instant.now().plusSeconds(60), "P1D"))
                .problem(400)).contains("not both");
        assertThat(api.post(KEYS, alice.token(), new CreateApiKey("k", List.of(uniqueName("none")), null, null, null))
                .problem(404)).contains("no group");
        assertThat(api.post(KEYS, alice.token(), new CreateApiKey("k", List.of(bobsPrivate), null, null, null))
                .problem(403)).contains("private");
        newKey(api, alice, new CreateApiKey("k", null, null, null, null));
        assertThat(api.post(KEYS, alice.token(), new CreateApiKey("k", null, null, null, null)).problem(409)).contains("k");
        assertThat(api.post(KEYS, null, new CreateApiKey("k2", null, null, null, null)).problem(401)).isNotBlank();
    }

    private static String newKey(TrackerClient api, User owner, CreateApiKey request) {
        Response created = api.post(KEYS, owner.token(), request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.as(NewApiKey.class).key();
    }

    private static String secretOf(NewApiKey key) {
        return key.key().substring(key.key().indexOf('_', "p2pk_".length()) + 1);
    }
}
