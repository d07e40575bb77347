package dev.p2pshare.tracker.grant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A grant signing key pair (EC P-256), both halves Base64 of their standard encodings (PKCS#8, X.509). */
@Entity
@Table(name = "grant_keys")
public class GrantKey {
    @Id
    @Column(length = 64)
    private String kid;

    @Column(name = "private_key", nullable = false, length = 4000)
    private String privateKey;

    @Column(name = "public_key", nullable = false, length = 4000)
    private String publicKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected GrantKey() {
    }

    public GrantKey(String kid, String privateKey, String publicKey, Instant createdAt) {
        this.kid = kid;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.createdAt = createdAt;
    }

    public String getKid() {
        return kid;
    }

    public String getPrivateKey() {
        return privateKey;
    }

    public String getPublicKey() {
        return publicKey;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
