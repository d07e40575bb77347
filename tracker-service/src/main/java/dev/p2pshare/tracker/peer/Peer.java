package dev.p2pshare.tracker.peer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A user's agent: the chunk-server URL it announced and when it last did (its heartbeat). */
@Entity
@Table(name = "peers")
public class Peer {
    @Id
    @Column(name = "user_id")
    private Long userId;

    @Column(nullable = false, length = 2048)
    private String url;

    @Column(name = "last_seen", nullable = false)
    private Instant lastSeen;

    protected Peer() {
    }

    public Peer(Long userId, String url, Instant lastSeen) {
        this.userId = userId;
        this.url = url;
        this.lastSeen = lastSeen;
    }
}
