package dev.p2pshare.tracker.file;

import dev.p2pshare.tracker.system.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;

/** A user holding a file: all of it ({@code chunks} null) or the chunks of a Base64 bitfield. */
@Entity
@Table(name = "holdings")
public class Holding extends BaseEntity {
    @Column(name = "file_id", nullable = false)
    private Long fileId;

    @Column(name = "user_id", nullable = false)
    private Long userId;

    @Column
    private String chunks;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Holding() {
    }

    public Holding(Long fileId, Long userId, String chunks, Instant updatedAt) {
        this.fileId = fileId;
        this.userId = userId;
        this.chunks = chunks;
        this.updatedAt = updatedAt;
    }
}
