package dev.p2pshare.tracker.grant;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.p2pshare.tracker.system.TrackerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The grant signing keys, kept in the database so that every tracker instance signs with the same key
 * and publishes the same JWK Set. The newest key signs; a new one is made on first start and whenever the
 * newest is older than {@code grant-key-rotation}. A replaced key stays published until every grant it
 * signed has expired, then it is deleted.
 */
@Component
public class GrantKeys {
    private static final Logger log = LoggerFactory.getLogger(GrantKeys.class);
    /** How often each instance looks for a newer key (made by another instance) and for rotation. */
    private static final Duration REFRESH = Duration.ofMinutes(1);

    private final GrantKeyRepository keys;
    private final TrackerProperties properties;
    private final Clock clock;
    private volatile SigningKey current;

    public GrantKeys(GrantKeyRepository keys, TrackerProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
        refresh();
    }

    /** The key new grants are signed with. */
    public record SigningKey(String kid, NimbusJwtEncoder encoder) {
    }

    public SigningKey current() {
        return current;
    }

    /** The public halves of every key whose grants may still be valid, newest first. */
    public JWKSet publishedKeys() {
        List<JWK> published = new ArrayList<>();
        for (GrantKey key : keys.newestFirst()) published.add(toJwk(key).toPublicJWK());
        return new JWKSet(published);
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public synchronized void refresh() {
        Instant now = clock.instant();
        List<GrantKey> all = keys.newestFirst();
        if (all.isEmpty() || all.get(0).getCreatedAt().plus(properties.grantKeyRotation()).isBefore(now)) {
            keys.saveAndFlush(generate(now));
            all = keys.newestFirst();
        }
        GrantKey newest = all.get(0);
        if (current == null || !current.kid().equals(newest.getKid())) {
            ECKey jwk = toJwk(newest);
            current = new SigningKey(newest.getKid(), new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk))));
            log.info("signing grants with key {}", newest.getKid());
        }
        // Key i was replaced when key i-1 was made; its last grants expire grant-ttl later (plus slack for
        // instances that noticed the new key up to one refresh late).
        for (int i = 1; i < all.size(); i++) {
            Instant replacedAt = all.get(i - 1).getCreatedAt();
            if (replacedAt.plus(properties.grantTtl()).plus(REFRESH.multipliedBy(2)).isBefore(now)) {
                keys.delete(all.get(i));
                log.info("retired grant key {}", all.get(i).getKid());
            }
        }
    }

    private static GrantKey generate(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            String kid = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).build()
                    .computeThumbprint().toString();
            Base64.Encoder base64 = Base64.getEncoder();
            return new GrantKey(kid, base64.encodeToString(pair.getPrivate().getEncoded()),
                    base64.encodeToString(pair.getPublic().getEncoded()), now);
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot make an EC P-256 key pair", e);
        }
    }

    private static ECKey toJwk(GrantKey key) {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            Base64.Decoder base64 = Base64.getDecoder();
            ECPublicKey publicKey = (ECPublicKey) factory.generatePublic(
                    new X509EncodedKeySpec(base64.decode(key.getPublicKey())));
            ECPrivateKey privateKey = (ECPrivateKey) factory.generatePrivate(
                    new PKCS8EncodedKeySpec(base64.decode(key.getPrivateKey())));
            return new ECKey.Builder(Curve.P_256, publicKey).privateKey(privateKey).keyID(key.getKid())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("grant key " + key.getKid() + " is not a valid EC key pair", e);
        }
    }
}
