package dev.p2pshare.tracker.grant;

import com.nimbusds.jose.jwk.JWKSet;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.FileDetails;
import dev.p2pshare.shared.tracker.Grants;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerTest;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.time.Duration;
import java.time.Instant;

import static dev.p2pshare.tracker.TrackerClient.filePath;
import static dev.p2pshare.tracker.TrackerClient.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GrantApiTest extends TrackerTest {

    @Test
    void theGrantVerifiesAgainstThePublishedJwkSetAndCarriesTheRightClaims() throws Exception {
        TrackerClient api = api();
        User alice = api.newUser();
        User bob = api.newUser();
        String group = api.newGroup(alice, false);
        Manifest file = manifest("grant.bin", 1234);
        api.share(alice, group, file);
        FileDetails details = api.get(filePath(group, file.name()), bob.token()).as(FileDetails.class);

        TrackerClient.Response keys = api.get(Grants.JWKS_PATH, null);
        assertThat(keys.status()).isEqualTo(200);
        JWKSet set = JWKSet.parse(keys.body());
        assertThat(set.getKeys()).isNotEmpty().allSatisfy(key -> {
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getAlgorithm().getName()).isEqualTo(Grants.ALGORITHM);
        });

        // As an agent would check it: Spring's decoder with the JWK Set URL, for ES256.
        JwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(api.base() + Grants.JWKS_PATH).jwsAlgorithm(SignatureAlgorithm.ES256).build();
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
        String group = api.newGroup(alice, false);
        Manifest file = manifest("mine.bin", 1);
        api.share(alice, group, file);
        JwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(api.base() + Grants.JWKS_PATH).jwsAlgorithm(SignatureAlgorithm.ES256).build();
        String forAlice = api.get(filePath(group, file.name()), alice.token()).as(FileDetails.class).grant();
        String forBob = api.get(filePath(group, file.name()), bob.token()).as(FileDetails.class).grant();
        assertThat(decoder.decode(forAlice).getSubject()).isEqualTo(alice.name());
        assertThat(decoder.decode(forBob).getSubject()).isEqualTo(bob.name());
    }

    @Test
    void theKeySetIsPublicAndATamperedGrantFails() {
        TrackerClient api = api();
        User alice = api.newUser();
        String group = api.newGroup(alice, false);
        Manifest file = manifest("tamper.bin", 1);
        api.share(alice, group, file);
        String grant = api.get(filePath(group, file.name()), alice.token()).as(FileDetails.class).grant();
        String[] parts = grant.split("\\.");
        String otherClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"mallory\",\"grp\":\"" + group + "\",\"sha256\":\"" + file.sha256() + "\",\"exp\":9999999999}").getBytes());
        JwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(api.base() + Grants.JWKS_PATH).jwsAlgorithm(SignatureAlgorithm.ES256).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decoder.decode(parts[0] + "." + otherClaims + "." + parts[2]))
                .isInstanceOf(org.springframework.security.oauth2.jwt.JwtException.class);
    }
}
