package dev.p2pshare.agent.serve;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.p2pshare.shared.tracker.Grants;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grants are tracker-signed ES256 JWTs; a grant signed any other way is refused even by a key the agent knows. */
class GrantVerifierTest {
    private static final String FILE = "a".repeat(64);

    private static String grant(JWSSigner signer, JWK key, JWSAlgorithm algorithm) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(Grants.ISSUER).subject("mallory")
                .claim(Grants.FILE_CLAIM, FILE).claim(Grants.GROUP_CLAIM, "g")
                .expirationTime(Date.from(Instant.now().plusSeconds(60))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    @Test
    void acceptsAnEs256GrantAndRefusesAnRs256OneEvenWithItsKeyPublished() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
        GrantVerifier verifier = new GrantVerifier(
                new ImmutableJWKSet<>(new JWKSet(List.of(ec.toPublicJWK(), rsa.toPublicJWK()))), Duration.ZERO);

        Grant good = verifier.check("Bearer " + grant(new ECDSASigner(ec), ec, JWSAlgorithm.ES256), FILE);
        assertThat(good.sha256()).isEqualTo(FILE);

        String rs256 = grant(new RSASSASigner(rsa), rsa, JWSAlgorithm.RS256);
        assertThatThrownBy(() -> verifier.check("Bearer " + rs256, FILE))
                .isInstanceOfSatisfying(ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(401));
    }
}
