package dev.p2pshare.tracker.grant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The public half of a grant signing key (EC P-256, Base64 of its X.509 encoding), published by every
 * instance. The private half lives in the signing instance's key file (GrantKeys); {@code private_key}
 * is set only in rows an older version wrote, and is moved out into that file at the first start.
 */
@Entity
@Table(name = "grant_keys")
public class GrantKey {
    @Id
    @Column(length = 64)
    private String kid;

    @Column(name = "private_key", length = 4000)
    private String privateKey;

    @Column(name = "public_key", nullable = false, length = 4000)
    private String publicKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected GrantKey() {
    }

    public GrantKey(String kid, String publicKey, Instant createdAt) {
        this.kid = kid;
        this.publicKey = publicKey;
        this.createdAt = createdAt;
    }

    public String getKid() {
        return kid;
    }

    /** The private half as an older version kept it (Base64 PKCS#8), or null. */
    public String getLegacyPrivateKey() {
        return privateKey;
    }

    public String getPublicKey() {
        return publicKey;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
