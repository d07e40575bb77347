package dev.p2pshare.tracker.grant;

import com.nimbusds.jose.jwk.JWKSet;
import dev.p2pshare.shared.tracker.Grants;
import dev.p2pshare.tracker.TestDatabase;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerInstance;
import org.junit.jupiter.api.Test;

import static dev.p2pshare.tracker.TrackerClient.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class GrantKeyRotationTest {

    @Test
    void aRotatedKeyStaysPublishedSoItsGrantsStillVerify() throws Exception {
        assumeTrue(TestDatabase.available(), "PostgreSQL at 127.0.0.1:5432 is not reachable");
        try (TrackerInstance tracker = TrackerInstance.start(TestDatabase.fresh(), "p2p.tracker.grant-key-rotation=1s")) {
            TrackerClient api = tracker.client();
            User alice = api.newUser();
            User bob = api.newUser();
            var file = manifest("rotate.bin", 1);
            String group = api.groupSharing(alice, false, file);
            String before = api.details(alice, group, file.name()).grant();
            String oldKid = tracker.bean(GrantKeys.class).current().kid();

            Thread.sleep(1_100);
            tracker.bean(GrantKeys.class).refresh();
            String newKid = tracker.bean(GrantKeys.class).current().kid();
            assertThat(newKid).isNotEqualTo(oldKid);

            JWKSet published = JWKSet.parse(api.get(Grants.JWKS_PATH, null).body());
            assertThat(published.getKeys()).extracting(k -> k.getKeyID()).containsExactly(newKid, oldKid);
            var decoder = api.grantDecoder();
            String after = api.details(bob, group, file.name()).grant();
            assertThat(decoder.decode(after).getHeaders()).containsEntry("kid", newKid);
            assertThat(decoder.decode(before).getHeaders()).containsEntry("kid", oldKid);
        }
    }
}
