package dev.p2pshare.tracker.file;

import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.ChunkAvailability;
import dev.p2pshare.shared.tracker.FileDetails;
import dev.p2pshare.shared.tracker.FileSummary;
import dev.p2pshare.shared.tracker.PeerHolding;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.p2pshare.tracker.TrackerClient.filePath;
import static dev.p2pshare.tracker.TrackerClient.filesPath;
import static dev.p2pshare.tracker.TrackerClient.manifest;
import static dev.p2pshare.tracker.TrackerClient.randomHash;
import static org.assertj.core.api.Assertions.assertThat;

class FileApiTest extends TrackerTest {

    @Test
    void aMemberSharesAFileAndEveryUserOfAnOpenGroupSeesIt() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String group = api.newGroup(alice, false);
        Manifest file = manifest("holiday photos.zip", 3_000_000);
        api.announce(alice);
        TrackerClient.Response shared = api.share(alice, group, file);
        assertThat(shared.status()).isEqualTo(201);
        assertThat(shared.as(FileSummary.class)).isEqualTo(new FileSummary(file.name(), 3_000_000, file.sha256(), 6, 1, false, 1));

        assertThat(api.get(filesPath(group), bob.token()).as(FileSummary[].class))
                .containsExactly(new FileSummary(file.name(), 3_000_000, file.sha256(), 6, 1, false, 1));
        FileDetails details = api.details(bob, group, file.name());
        assertThat(details.group()).isEqualTo(group);
        assertThat(details.manifest()).isEqualTo(file);
        assertThat(details.peers()).containsExactly(new PeerHolding(alice.name(), TrackerClient.peerUrl(alice), null));
        assertThat(details.grant()).isNotBlank();
        assertThat(details.grantExpiresAt()).isNotNull();
    }

    @Test
    void aRefreshWithoutTheManifestCarriesPeersGrantAndTheFilesIdentity() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        Manifest file = manifest("film.mkv", 5L * Manifest.CHUNK_SIZE);
        String group = api.groupSharing(alice, false, file);
        api.announce(alice);

        TrackerClient.Response refresh = api.get(filePath(group, file.name()) + "?manifest=false", bob.token());
        assertThat(refresh.status()).isEqualTo(200);
        assertThat(refresh.json().has("manifest")).as("the manifest is left out").isFalse();
        FileDetails details = refresh.as(FileDetails.class);
        assertThat(details.sha256()).isEqualTo(file.sha256());
        assertThat(details.peers()).containsExactly(new PeerHolding(alice.name(), TrackerClient.peerUrl(alice), null));
        assertThat(details.grant()).isNotBlank();
        assertThat(details.grantExpiresAt()).isNotNull();

        FileDetails full = api.details(bob, group, file.name());
        assertThat(full.manifest()).isEqualTo(file);
        assertThat(full.sha256()).isEqualTo(file.sha256());
        assertThat(api.get(filePath(group, file.name()) + "?manifest=perhaps", bob.token()).problem(400))
                .contains("manifest");
    }

    @Test
    void nonMembersCannotShareButMayReadAnOpenGroup() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String group = api.newGroup(alice, false);
        assertThat(api.share(bob, group, manifest("x.bin", 1)).problem(403)).contains("member");
        assertThat(api.get(filesPath(group), bob.token()).status()).isEqualTo(200);
    }

    @Test
    void nonMembersOfAnOpenGroupReadButCannotBecomeSeedersOrPartialHolders() {
        TrackerClient api = api();
        User alice = api.newUser();
        User mallory = api.newUser();
        Manifest file = manifest("open.bin", 3L * Manifest.CHUNK_SIZE);
        String group = api.groupSharing(alice, false, file);
        api.announce(alice);
        api.announce(mallory);
        String seeders = filePath(group, file.name()) + "/seeders/me";
        Bitfield one = new Bitfield(file.chunkCount());
        one.set(0);

        assertThat(api.details(mallory, group, file.name()).grant()).as("reading is open").isNotBlank();
        assertThat(api.put(seeders, mallory.token(), new ChunkAvailability(file.sha256(), null)).problem(403))
                .contains("only members");
        assertThat(api.put(seeders, mallory.token(), new ChunkAvailability(file.sha256(), one.toBase64())).problem(403))
                .contains("only members");
        assertThat(api.share(mallory, group, file).problem(403)).contains("only members");
        // Refused before anything about the file is checked.
        assertThat(api.put(seeders, mallory.token(), new ChunkAvailability(randomHash(), null)).problem(403))
                .contains("only members");
        User dave = api.newUser();
        assertThat(api.details(dave, group, file.name()).peers()).extracting(PeerHolding::username)
                .containsExactly(alice.name());
        assertThat(api.get(filesPath(group), dave.token()).as(FileSummary[].class)[0].seeders()).isEqualTo(1);

        // Once a member, the same report is taken.
        api.join(mallory, group);
        assertThat(api.put(seeders, mallory.token(), new ChunkAvailability(file.sha256(), one.toBase64())).status())
                .isEqualTo(204);
        assertThat(api.details(dave, group, file.name()).peers()).extracting(PeerHolding::username)
                .containsExactly(alice.name(), mallory.name());
    }

    @Test
    void nonMembersOfAPrivateGroupCannotListOrFetchDetails() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        Manifest file = manifest("secret.pdf", 100);
        String group = api.groupSharing(alice, true, file);
        assertThat(api.get(filesPath(group), bob.token()).problem(403)).contains("private");
        assertThat(api.get(filePath(group, file.name()), bob.token()).problem(403)).contains("private");
        api.join(bob, group); // only a request: still not a member
        assertThat(api.get(filePath(group, file.name()), bob.token()).problem(403)).contains("private");
        assertThat(api.put(filePath(group, file.name()) + "/seeders/me", bob.token(),
                new ChunkAvailability(file.sha256(), null)).problem(403)).contains("private");
        assertThat(api.get(filePath(group, file.name()), alice.token()).status()).isEqualTo(200);
    }

    @Test
    void aMemberWhoLeavesAPrivateGroupGetsNoDetailsFromThenOn() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        Manifest file = manifest("plans.pdf", 3L * Manifest.CHUNK_SIZE);
        String group = api.groupSharing(alice, true, file);
        api.admit(alice, group, bob);
        api.announce(alice);
        String refresh = filePath(group, file.name()) + "?manifest=false";
        assertThat(api.details(bob, group, file.name()).peers()).hasSize(1);
        assertThat(api.get(refresh, bob.token()).status()).isEqualTo(200);

        assertThat(api.delete("/api/groups/" + group + "/members/" + bob.name(), bob.token()).status()).isEqualTo(204);
        assertThat(api.get(filePath(group, file.name()), bob.token()).problem(403)).contains("private");
        assertThat(api.get(refresh, bob.token()).problem(403)).contains("private");
    }

    @Test
    void aHolderWhoStopsSharingLeavesTheDetailsAtOnce() {
        TrackerClient api = api();
        User alice = api.newUser();
        User carol = api.newUser();
        User bob = api.newUser();
        Manifest file = manifest("song.flac", 4L * Manifest.CHUNK_SIZE);
        String group = api.groupSharing(alice, false, file);
        api.join(carol, group);
        api.share(carol, group, file);
        api.announce(alice);
        api.announce(carol);
        assertThat(api.details(bob, group, file.name()).peers()).extracting(PeerHolding::username)
                .containsExactlyInAnyOrder(alice.name(), carol.name());

        assertThat(api.delete(filePath(group, file.name()) + "/seeders/me", alice.token()).status()).isEqualTo(204);
        assertThat(api.details(bob, group, file.name()).peers()).extracting(PeerHolding::username)
                .containsExactly(carol.name());
    }

    @Test
    void aNameSharedAgainWithOtherContentAnswersTheNewManifest() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        Manifest first = manifest("draft.txt", 2L * Manifest.CHUNK_SIZE);
        String group = api.groupSharing(alice, false, first);
        assertThat(api.details(bob, group, first.name()).manifest()).isEqualTo(first);

        api.delete(filePath(group, first.name()) + "/seeders/me", alice.token());
        Manifest second = manifest("draft.txt", 3L * Manifest.CHUNK_SIZE);
        assertThat(api.share(alice, group, second).status()).isEqualTo(201);
        FileDetails details = api.details(bob, group, second.name());
        assertThat(details.manifest()).isEqualTo(second);
        assertThat(details.sha256()).isEqualTo(second.sha256());
    }

    @Test
    void theSameFileFromAnotherMemberAddsASeederOtherContentIsAConflict() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String group = api.newGroup(alice, false);
        api.join(bob, group);
        api.announce(alice);
        api.announce(bob);
        Manifest file = manifest("song.mp3", 600_000);
        api.share(alice, group, file);
        TrackerClient.Response again = api.share(bob, group, file);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.as(FileSummary.class).seeders()).isEqualTo(2);

        Manifest other = manifest("song.mp3", 600_000);
        assertThat(api.share(bob, group, other).problem(409)).contains("song.mp3");
        assertThat(api.get(filesPath(group), alice.token()).as(FileSummary[].class))
                .extracting(FileSummary::sha256, FileSummary::seeders).containsExactly(org.assertj.core.groups.Tuple.tuple(file.sha256(), 2));
    }

    @Test
    void inconsistentManifestsAreRefused() {
        TrackerClient api = api();
        User alice = api.newUser();
        String group = api.newGroup(alice, false);
        String h = randomHash();
        List<Manifest> bad = List.of(
                new Manifest("a", 10, Manifest.CHUNK_SIZE, h, List.of()),
                new Manifest("a", 10, 1000, h, List.of(h)),
                new Manifest("a", 10, Manifest.CHUNK_SIZE, h.toUpperCase(), List.of(h)),
                new Manifest("../etc/passwd", 10, Manifest.CHUNK_SIZE, h, List.of(h)),
                new Manifest("..", 10, Manifest.CHUNK_SIZE, h, List.of(h)),
                new Manifest("a\nb", 10, Manifest.CHUNK_SIZE, h, List.of(h)),
                new Manifest("é".repeat(128), 10, Manifest.CHUNK_SIZE, h, List.of(h)),
                new Manifest("a", -1, Manifest.CHUNK_SIZE, h, List.of()),
                new Manifest("a", 10, Manifest.CHUNK_SIZE, h, List.of("xyz")),
                new Manifest(null, 10, Manifest.CHUNK_SIZE, h, List.of(h)));
        for (Manifest m : bad) {
            assertThat(api.share(alice, group, m).problem(400)).as(m.toString()).contains("manifest");
        }
        assertThat(api.post(filesPath(group), alice.token(), "{\"name\":\"a\",\"size\":\"big\"}").problem(400)).isNotBlank();
        assertThat(api.post(filesPath(group), alice.token(), "[1,2]").problem(400)).isNotBlank();
        assertThat(api.get(filesPath(group), alice.token()).as(FileSummary[].class)).isEmpty();
    }

    @Test
    void fileNamesMayHaveSpacesAndNonAsciiLetters() {
        TrackerClient api = api();
        User alice = api.newUser();
        String group = api.newGroup(alice, false);
        for (String name : List.of("Zoë – résumé.pdf", "日本語.txt", "100% done; really #1?.txt", "empty")) {
            Manifest file = manifest(name, name.equals("empty") ? 0 : 42);
            assertThat(api.share(alice, group, file).status()).isEqualTo(201);
            assertThat(api.details(alice, group, name).manifest()).isEqualTo(file);
        }
        assertThat(api.get(filePath(group, "no such file"), alice.token()).problem(404)).contains("no file");
        assertThat(api.get(filePath(group, ".."), alice.token()).status()).isIn(400, 404);
    }

    @Test
    void detailsListOnlyOnlineHoldersOtherThanTheCallerWithPartialChunks() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        User carol = api.newUser();
        User dave = api.newUser();
        Manifest file = manifest("movie.mkv", 10L * Manifest.CHUNK_SIZE + 5);
        String group = api.groupSharing(alice, false, file);
        api.join(bob, group);
        api.join(carol, group);
        api.announce(alice);
        api.announce(bob);

        Bitfield partial = new Bitfield(file.chunkCount());
        partial.set(0);
        partial.set(10);
        String seeders = filePath(group, file.name()) + "/seeders/me";
        assertThat(api.put(seeders, bob.token(), new ChunkAvailability(file.sha256(), partial.toBase64())).status()).isEqualTo(204);
        // Carol holds chunks but never announced an agent: not handed out.
        assertThat(api.put(seeders, carol.token(), new ChunkAvailability(file.sha256(), partial.toBase64())).status()).isEqualTo(204);

        FileDetails forDave = api.details(dave, group, file.name());
        assertThat(forDave.peers()).extracting(PeerHolding::username, PeerHolding::chunks).containsExactly(
                org.assertj.core.groups.Tuple.tuple(alice.name(), null),
                org.assertj.core.groups.Tuple.tuple(bob.name(), partial.toBase64()));
        FileDetails forBob = api.details(bob, group, file.name());
        assertThat(forBob.peers()).extracting(PeerHolding::username).containsExactly(alice.name());
        assertThat(api.get(filesPath(group), dave.token()).as(FileSummary[].class)[0].seeders()).isEqualTo(1);

        // A full bitfield makes Bob a complete seeder.
        api.put(seeders, bob.token(), new ChunkAvailability(file.sha256(), Bitfield.full(file.chunkCount()).toBase64()));
        assertThat(api.details(dave, group, file.name()).peers())
                .extracting(PeerHolding::chunks).containsOnlyNulls();
        assertThat(api.get(filesPath(group), dave.token()).as(FileSummary[].class)[0].seeders()).isEqualTo(2);
    }

    @Test
    void detailsListAtMostMaxPeersHoldersCompleteOnesFirstDrawnAnewEachTime() {
        TrackerClient api = api();
        User alice = api.newUser();
        String group = api.newGroup(alice, false);
        Manifest file = manifest("popular.iso", 4_000_000);
        api.announce(alice);
        api.share(alice, group, file);
        String seeders = filePath(group, file.name()) + "/seeders/me";
        Bitfield partial = new Bitfield(file.chunkCount());
        partial.set(1);
        for (int i = 0; i < 56; i++) {
            User holder = api.newUser();
            api.join(holder, group);
            api.announce(holder);
            String chunks = i < 54 ? Bitfield.full(file.chunkCount()).toBase64() : partial.toBase64();
            assertThat(api.put(seeders, holder.token(), new ChunkAvailability(file.sha256(), chunks)).status()).isEqualTo(204);
        }
        User bob = api.newUser();

        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int call = 0; call < 4; call++) {
            List<PeerHolding> peers = api.details(bob, group, file.name()).peers();
            assertThat(peers).as("p2p.tracker.max-peers").hasSize(50);
            assertThat(peers).extracting(PeerHolding::chunks).as("55 complete holders come before the 2 partial ones")
                    .containsOnlyNulls();
            peers.forEach(p -> seen.add(p.username()));
        }
        assertThat(seen).as("each answer draws again among the 55 complete holders").hasSizeGreaterThan(50);
    }

    @Test
    void chunkReportsAreChecked() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        Manifest file = manifest("data.bin", 3L * Manifest.CHUNK_SIZE);
        String group = api.groupSharing(alice, false, file);
        api.join(bob, group);
        String seeders = filePath(group, file.name()) + "/seeders/me";
        assertThat(api.put(seeders, bob.token(), new ChunkAvailability(randomHash(), null)).problem(409)).contains("sha256");
        assertThat(api.put(seeders, bob.token(), new ChunkAvailability(file.sha256(), "not base64!")).problem(400)).contains("chunks");
        assertThat(api.put(seeders, bob.token(), new ChunkAvailability(file.sha256(), "AAAA")).problem(400)).contains("chunks");
        assertThat(api.put(seeders, bob.token(), null).problem(400)).isNotBlank();
        assertThat(api.put(filePath(group, "missing") + "/seeders/me", bob.token(),
                new ChunkAvailability(file.sha256(), null)).problem(404)).contains("no file");
    }

    @Test
    void stopSharingRemovesTheSeederAndAFileNobodyHoldsLeavesTheListing() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String group = api.newGroup(alice, false);
        api.join(bob, group);
        api.announce(alice);
        api.announce(bob);
        Manifest file = manifest("notes.txt", 10);
        api.share(alice, group, file);
        api.share(bob, group, file);
        String seeders = filePath(group, file.name()) + "/seeders/me";

        assertThat(api.delete(seeders, alice.token()).status()).isEqualTo(204);
        assertThat(api.get(filesPath(group), bob.token()).as(FileSummary[].class)[0].seeders()).isEqualTo(1);
        assertThat(api.delete(seeders, bob.token()).status()).isEqualTo(204);
        assertThat(api.get(filesPath(group), bob.token()).as(FileSummary[].class)).isEmpty();
        assertThat(api.get(filePath(group, file.name()), bob.token()).problem(404)).contains("no file");
        // Its name is free for other content now.
        assertThat(api.share(alice, group, manifest("notes.txt", 20)).status()).isEqualTo(201);
    }

    @Test
    void filesNeedASessionAndAnExistingGroup() {
        TrackerClient api = api();
        User alice = api.newUser();
        assertThat(api.get(filesPath("anything"), null).problem(401)).isNotBlank();
        assertThat(api.get(filesPath(TrackerClient.uniqueName("none")), alice.token()).problem(404)).contains("group");
        assertThat(api.get(filesPath("bad%20name"), alice.token()).problem(400)).contains("name");
    }
}
