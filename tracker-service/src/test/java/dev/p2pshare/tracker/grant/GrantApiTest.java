package dev.p2pshare.tracker.grant;

import com.nimbusds.jose.jwk.JWKSet;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.FileDetails;
import dev.p2pshare.shared.tracker.Grants;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerTest;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Duration;
import java.time.Instant;

import static dev.p2pshare.tracker.TrackerClient.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GrantApiTest extends TrackerTest {

    @Test
    void theGrantVerifiesAgainstThePublishedJwkSetAndCarriesTheRightClaims() throws Exception {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        Manifest file = manifest("grant.bin", 1234);
        String group = api.groupSharing(alice, false, file);
        FileDetails details = api.details(bob, group, file.name());

        TrackerClient.Response keys = api.get(Grants.JWKS_PATH, null);
        assertThat(keys.status()).isEqualTo(200);
        JWKSet set = JWKSet.parse(keys.body());
        assertThat(set.getKeys()).isNotEmpty().allSatisfy(key -> {
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getAlgorithm().getName()).isEqualTo(Grants.ALGORITHM);
        });

        // As an agent would check it: Spring's decoder with the JWK Set URL, for ES256.
        JwtDecoder decoder = api.grantDecoder();
        Jwt grant = decoder.decode(details.grant());
        assertThat(grant.getSubject()).isEqualTo(bob.name());
        assertThat(grant.getClaimAsString(Grants.GROUP_CLAIM)).isEqualTo(group);
        assertThat(grant.getClaimAsString(Grants.FILE_CLAIM)).isEqualTo(file.sha256());
        assertThat(grant.getClaimAsString("iss")).isEqualTo(Grants.ISSUER);
        assertThat(grant.getHeaders()).containsEntry("alg", Grants.ALGORITHM);
        assertThat(grant.getExpiresAt()).isCloseTo(Instant.now().plus(Duration.ofMinutes(10)), within(Duration.ofMinutes(1)));
        assertThat(details.grantExpiresAt()).isEqualTo(grant.getExpiresAt());
        assertThat(set.getKeyByKeyId(grant.getHeaders().get("kid").toString())).isNotNull();
    }

    @Test
    void eachUserGetsTheirOwnGrant() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        Manifest file = manifest("mine.bin", 1);
        String group = api.groupSharing(alice, false, file);
        JwtDecoder decoder = api.grantDecoder();
        String forAlice = api.details(alice, group, file.name()).grant();
        String forBob = api.details(bob, group, file.name()).grant();
        assertThat(decoder.decode(forAlice).getSubject()).isEqualTo(alice.name());
        assertThat(decoder.decode(forBob).getSubject()).isEqualTo(bob.name());
    }

    @Test
    void aGrantHandedOutAgainIsStillValidAndForTheSameUserAndFileOnly() {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        Manifest one = manifest("one.bin", 10);
        Manifest two = manifest("two.bin", 20);
        String group = api.groupSharing(alice, false, one);
        api.share(alice, group, two);
        JwtDecoder decoder = api.grantDecoder();

        FileDetails first = api.details(bob, group, one.name());
        FileDetails again = api.details(bob, group, one.name());
        assertThat(again.grant()).isEqualTo(first.grant());
        assertThat(again.grantExpiresAt()).isEqualTo(first.grantExpiresAt()).isAfter(Instant.now());
        Jwt grant = decoder.decode(again.grant());
        assertThat(grant.getSubject()).isEqualTo(bob.name());
        assertThat(grant.getClaimAsString(Grants.FILE_CLAIM)).isEqualTo(one.sha256());

        // Another file, or another user, gets a grant of its own.
        Jwt forTwo = decoder.decode(api.details(bob, group, two.name()).grant());
        assertThat(forTwo.getSubject()).isEqualTo(bob.name());
        assertThat(forTwo.getClaimAsString(Grants.FILE_CLAIM)).isEqualTo(two.sha256());
        Jwt forAlice = decoder.decode(api.details(alice, group, one.name()).grant());
        assertThat(forAlice.getSubject()).isEqualTo(alice.name());
        assertThat(forAlice.getClaimAsString(Grants.FILE_CLAIM)).isEqualTo(one.sha256());
    }

    @Test
    void theKeySetIsPublicAndATamperedGrantFails() {
        TrackerClient api = api();
        User alice = api.newUser();
        Manifest file = manifest("tamper.bin", 1);
        String group = api.groupSharing(alice, false, file);
        String grant = api.details(alice, group, file.name()).grant();
        String[] parts = grant.split("\\.");
        String otherClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"mallory\",\"grp\":\"" + group + "\",\"sha256\":\"" + file.sha256() + "\",\"exp\":9999999999}").getBytes());
        JwtDecoder decoder = api.grantDecoder();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decoder.decode(parts[0] + "." + otherClaims + "." + parts[2]))
                .isInstanceOf(org.springframework.security.oauth2.jwt.JwtException.class);
    }
}
