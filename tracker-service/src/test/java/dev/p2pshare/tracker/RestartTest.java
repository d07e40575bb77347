package dev.p2pshare.tracker;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.FileDetails;
import dev.p2pshare.shared.tracker.FileSummary;
import dev.p2pshare.shared.tracker.Grants;
import dev.p2pshare.shared.tracker.GroupSummary;
import dev.p2pshare.shared.tracker.JoinRequestInfo;
import dev.p2pshare.shared.tracker.Membership;
import dev.p2pshare.tracker.TrackerClient.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.p2pshare.tracker.TrackerClient.filesPath;
import static dev.p2pshare.tracker.TrackerClient.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RestartTest {

    @BeforeAll
    static void requireDatabase() {
        assumeTrue(TestDatabase.available(), "PostgreSQL at 127.0.0.1:5432 is not reachable");
    }

    @Test
    void aRestartOnTheSameDataKeepsEverything() {
        Map<String, String> database = TestDatabase.fresh();
        User alice;
        User bob;
        User carol;
        String open;
        String closed;
        Manifest file = manifest("kept.iso", 5_000_000);
        String grant;
        String keys;
        try (TrackerInstance first = TrackerInstance.start(database)) {
            TrackerClient api = first.client();
            alice = api.newUser();
            bob = api.newUser();
            carol = api.newUser();
            open = api.newGroup(alice, false);
            closed = api.newGroup(alice, true);
            api.join(bob, open);
            api.join(carol, closed);
            assertThat(api.share(alice, open, file).status()).isEqualTo(201);
            api.announce(alice);
            grant = api.details(bob, open, file.name()).grant();
            keys = api.get(Grants.JWKS_PATH, null).body();
        }

        try (TrackerInstance second = TrackerInstance.start(database)) {
            TrackerClient api = second.client();
            // Accounts and passwords, and the sessions handed out before the restart.
            assertThat(api.login(carol.name())).isNotBlank();
            assertThat(api.get("/api/users/me", bob.token()).status()).isEqualTo(200);
            // Groups, owners and memberships, and pending requests.
            GroupSummary[] groups = api.get("/api/groups", bob.token()).as(GroupSummary[].class);
            assertThat(groups).contains(new GroupSummary(open, alice.name(), false, 2, 1, Membership.MEMBER),
                    new GroupSummary(closed, alice.name(), true, 1, 0, Membership.NONE));
            assertThat(api.get("/api/groups/" + closed + "/join-requests", alice.token()).as(JoinRequestInfo[].class))
                    .extracting(JoinRequestInfo::username).containsExactly(carol.name());
            // Files, seeders and peers.
            assertThat(api.get(filesPath(open), bob.token()).as(FileSummary[].class))
                    .containsExactly(new FileSummary(file.name(), file.size(), file.sha256(), file.chunkCount(), 1, false, 1));
            FileDetails details = api.details(bob, open, file.name());
            assertThat(details.manifest()).isEqualTo(file);
            assertThat(details.peers()).extracting(p -> p.username()).containsExactly(alice.name());
            // The signing key: same JWK Set, and grants from before the restart still verify.
            assertThat(api.get(Grants.JWKS_PATH, null).body()).isEqualTo(keys);
            var decoder = api.grantDecoder();
            assertThat(decoder.decode(grant).getSubject()).isEqualTo(bob.name());
        }
    }
}
