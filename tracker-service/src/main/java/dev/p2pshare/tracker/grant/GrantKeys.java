package dev.p2pshare.tracker.grant;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.p2pshare.tracker.system.DataDir;
import dev.p2pshare.tracker.system.TrackerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The grant signing keys. Each instance signs with a private key of its own, kept in
 * {@code <data-dir>/grant-key.jwk} (mode 0600; the tracker refuses to start when others may read it); the
 * database holds only the public halves, so every instance publishes every instance's key in the same JWK
 * Set and a grant verifies whichever instance signed it. An instance makes a new key on first start and
 * whenever its key is older than {@code grant-key-rotation}; a public key stays published until every
 * grant it can have signed has expired, then it is deleted. A private key an older version kept in the
 * database is moved into the file at the first start.
 */
@Component
public class GrantKeys {
    private static final Logger log = LoggerFactory.getLogger(GrantKeys.class);
    /** How often each instance looks for other instances' keys and for rotation. */
    private static final Duration REFRESH = Duration.ofMinutes(1);
    static final String KEY_FILE = "grant-key.jwk";

    private final GrantKeyRepository keys;
    private final TrackerProperties properties;
    private final Clock clock;
    private final DataDir dataDir;
    private final Path keyFile;
    private volatile SigningKey current;

    public GrantKeys(GrantKeyRepository keys, TrackerProperties properties, Clock clock, DataDir dataDir) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
        this.dataDir = dataDir;
        this.keyFile = dataDir.path().resolve(KEY_FILE);
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
        for (GrantKey key : keys.newestFirst()) published.add(publicJwk(key));
        return new JWKSet(published);
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public synchronized void refresh() {
        Instant now = clock.instant();
        ECKey mine = current == null ? loadOrMigrate() : null;
        String kid = mine != null ? mine.getKeyID() : current != null ? current.kid() : null;
        Optional<GrantKey> row = kid == null ? Optional.empty() : keys.findById(kid);
        if (row.isEmpty() || row.get().getCreatedAt().plus(properties.grantKeyRotation()).isBefore(now)) {
            mine = generate(now);
        }
        if (mine != null) {
            current = new SigningKey(mine.getKeyID(), new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(mine))));
            log.info("signing grants with key {}", mine.getKeyID());
        }
        // A key signs for at most grant-key-rotation (plus one refresh) and its last grants expire grant-ttl
        // later; one more refresh of slack for instances whose clocks differ a little.
        Duration published = properties.grantKeyRotation().plus(properties.grantTtl()).plus(REFRESH.multipliedBy(2));
        for (GrantKey key : keys.newestFirst()) {
            if (!key.getKid().equals(current.kid()) && key.getCreatedAt().plus(published).isBefore(now)) {
                keys.delete(key);
                log.info("retired grant key {}", key.getKid());
            }
        }
    }

    /** This instance's key from its file; else the newest private key an older version kept in the database. */
    private ECKey loadOrMigrate() {
        if (Files.exists(keyFile)) {
            dataDir.requireOwnerOnly(keyFile);
            try {
                return ECKey.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the grant key " + keyFile + ": " + e.getMessage(), e);
            } catch (ParseException e) {
                throw new IllegalStateException("the grant key " + keyFile + " is not an EC JWK; delete it to make a new one", e);
            }
        }
        for (GrantKey key : keys.newestFirst()) {
            if (key.getLegacyPrivateKey() == null) continue;
            ECKey legacy = legacyJwk(key);
            write(legacy);
            keys.forgetPrivateKeys();
            log.info("moved grant key {} from the database into {}", key.getKid(), keyFile);
            return legacy;
        }
        return null;
    }

    private ECKey generate(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
            String kid = new ECKey.Builder(Curve.P_256, publicKey).build().computeThumbprint().toString();
            ECKey jwk = jwk(publicKey, (ECPrivateKey) pair.getPrivate(), kid);
            write(jwk); // first the file: a published key nobody holds would be harmless, a lost one is not
            keys.saveAndFlush(new GrantKey(kid, Base64.getEncoder().encodeToString(publicKey.getEncoded()), now));
            return jwk;
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot make an EC P-256 key pair", e);
        }
    }

    private void write(ECKey jwk) {
        dataDir.writeOwnerOnly(keyFile, jwk.toJSONString().getBytes(StandardCharsets.UTF_8));
    }

    private static JWK publicJwk(GrantKey key) {
        return new ECKey.Builder(Curve.P_256, publicKey(key)).keyID(key.getKid())
                .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build();
    }

    private static ECKey legacyJwk(GrantKey key) {
        try {
            ECPrivateKey privateKey = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key.getLegacyPrivateKey())));
            return jwk(publicKey(key), privateKey, key.getKid());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("grant key " + key.getKid() + " is not a valid EC key pair", e);
        }
    }

    private static ECPublicKey publicKey(GrantKey key) {
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(key.getPublicKey())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("grant key " + key.getKid() + " is not a valid EC public key", e);
        }
    }

    private static ECKey jwk(ECPublicKey publicKey, ECPrivateKey privateKey, String kid) {
        return new ECKey.Builder(Curve.P_256, publicKey).privateKey(privateKey).keyID(kid)
                .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build();
    }
}
