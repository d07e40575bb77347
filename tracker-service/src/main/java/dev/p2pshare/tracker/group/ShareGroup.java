package dev.p2pshare.tracker.group;

import dev.p2pshare.tracker.system.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;

/** A group files are shared into. Open groups are readable by every user; private ones by members only. */
@Entity
@Table(name = "share_groups")
public class ShareGroup extends BaseEntity {
    @Column(nullable = false, unique = true, length = 64)
    private String name;

    @Column(name = "owner_id", nullable = false)
    private Long ownerId;

    @Column(name = "is_private", nullable = false)
    private boolean isPrivate;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** How long a membership granted from now on lasts; null: for good. */
    @Column(name = "member_ttl_seconds")
    private Long memberTtlSeconds;

    protected ShareGroup() {
    }

    public ShareGroup(String name, Long ownerId, boolean isPrivate, Instant createdAt) {
        this.name = name;
        this.ownerId = ownerId;
        this.isPrivate = isPrivate;
        this.createdAt = createdAt;
    }

    public String getName() {
        return name;
    }

    public Long getOwnerId() {
        return ownerId;
    }

    public boolean isPrivate() {
        return isPrivate;
    }

    void handOverTo(Long newOwnerId) {
        this.ownerId = newOwnerId;
    }

    public Duration getMemberTtl() {
        return memberTtlSeconds == null ? null : Duration.ofSeconds(memberTtlSeconds);
    }

    void setMemberTtl(Duration memberTtl) {
        this.memberTtlSeconds = memberTtl == null ? null : memberTtl.toSeconds();
    }

    /** When a membership granted at {@code now} ends by default; null: never. */
    Instant defaultExpiry(Instant now) {
        return memberTtlSeconds == null ? null : now.plusSeconds(memberTtlSeconds);
    }
}
