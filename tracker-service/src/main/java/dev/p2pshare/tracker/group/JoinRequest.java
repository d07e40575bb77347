package dev.p2pshare.tracker.group;

import dev.p2pshare.tracker.system.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;

/** A user's pending request to join a private group, until the owner accepts it. */
@Entity
@Table(name = "join_requests")
public class JoinRequest extends BaseEntity {
    @Column(name = "group_id", nullable = false)
    private Long groupId;

    @Column(name = "user_id", nullable = false)
    private Long userId;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    protected JoinRequest() {
    }

    public JoinRequest(Long groupId, Long userId, Instant requestedAt) {
        this.groupId = groupId;
        this.userId = userId;
        this.requestedAt = requestedAt;
    }
}
