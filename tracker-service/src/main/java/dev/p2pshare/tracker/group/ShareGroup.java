package dev.p2pshare.tracker.group;

import dev.p2pshare.tracker.system.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

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
}
