package dev.p2pshare.tracker.group;

import dev.p2pshare.tracker.system.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A user's membership of a group; the owner is a member too. A membership past {@code expiresAt} counts as
 * none, before and after {@link ExpiredMemberships} deletes its row.
 */
@Entity
@Table(name = "group_members")
public class GroupMember extends BaseEntity {
    @Column(name = "group_id", nullable = false)
    private Long groupId;

    @Column(name = "user_id", nullable = false)
    private Long userId;

    @Column(name = "joined_at", nullable = false)
    private Instant joinedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    protected GroupMember() {
    }

    public GroupMember(Long groupId, Long userId, Instant joinedAt, Instant expiresAt) {
        this.groupId = groupId;
        this.userId = userId;
        this.joinedAt = joinedAt;
        this.expiresAt = expiresAt;
    }

    public Long getGroupId() {
        return groupId;
    }

    public Long getUserId() {
        return userId;
    }

    boolean isCurrentAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }

    void expireAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }
}
