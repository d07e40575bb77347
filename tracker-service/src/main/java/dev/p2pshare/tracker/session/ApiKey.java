package dev.p2pshare.tracker.session;

import dev.p2pshare.shared.tracker.ApiKeyInfo;
import dev.p2pshare.tracker.security.ApiKeyScope;
import dev.p2pshare.tracker.system.BaseEntity;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An API key of one user. Like a session token, the secret itself is never stored, only its SHA-256. */
@Entity
@Table(name = "api_keys")
public class ApiKey extends BaseEntity {
    @Column(name = "user_id", nullable = false)
    private Long userId;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    @Column(name = "read_only", nullable = false)
    private boolean readOnly;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "api_key_groups", joinColumns = @JoinColumn(name = "api_key_id"))
    @Column(name = "group_name", nullable = false, length = 64)
    @OrderBy
    private List<String> groups = new ArrayList<>();

    protected ApiKey() {
    }

    public ApiKey(Long userId, String name, String secretHash, List<String> groups, boolean readOnly, Instant createdAt,
                  Instant expiresAt) {
        this.userId = userId;
        this.name = name;
        this.secretHash = secretHash;
        this.groups = new ArrayList<>(groups);
        this.readOnly = readOnly;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    Long getUserId() {
        return userId;
    }

    String getSecretHash() {
        return secretHash;
    }

    /** Null when the key lasts until revoked. */
    Instant getExpiresAt() {
        return expiresAt;
    }

    /** Live at {@code now}: not expired (revoked keys are deleted). */
    boolean isLive(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }

    ApiKeyScope scope() {
        return new ApiKeyScope(getId(), name, List.copyOf(groups), readOnly);
    }

    ApiKeyInfo info() {
        return new ApiKeyInfo(name, groups, readOnly, createdAt, expiresAt, lastUsedAt);
    }
}
