package dev.p2pshare.tracker.group;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A user's pending request to join a private group, until the owner accepts it. */
@Entity
@Table(name = "join_requests")
public class JoinRequest {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

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
