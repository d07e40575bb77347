package dev.p2pshare.tracker.activity;

import dev.p2pshare.shared.tracker.ActivityKind;
import dev.p2pshare.tracker.system.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.time.Instant;

/** One line of a group's activity record (see V7__activity.sql); written once, never changed. */
@Entity
@Table(name = "activity")
class ActivityEntry extends BaseEntity {
    @Column(name = "group_id", nullable = false)
    private Long groupId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ActivityKind kind;

    @Column(name = "user_id", nullable = false)
    private Long userId;

    @Column(name = "file_sha256", nullable = false)
    private String fileSha256;

    @Column(name = "file_name")
    private String fileName;

    @Column
    private String address;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column
    private Long chunks;

    @Column
    private Long bytes;

    @Column(name = "reporter_id")
    private Long reporterId;

    protected ActivityEntry() {
    }

    private ActivityEntry(Long groupId, Instant createdAt, ActivityKind kind, Long userId, String fileSha256,
                          String fileName) {
        this.groupId = groupId;
        this.createdAt = createdAt;
        this.kind = kind;
        this.userId = userId;
        this.fileSha256 = fileSha256;
        this.fileName = fileName;
    }

    static ActivityEntry grant(GrantIssued grant, boolean renewal) {
        ActivityEntry entry = new ActivityEntry(grant.groupId(), grant.issuedAt(),
                renewal ? ActivityKind.RENEWAL : ActivityKind.GRANT, grant.userId(), grant.sha256(), grant.fileName());
        entry.address = grant.address();
        entry.expiresAt = grant.expiresAt();
        return entry;
    }

    static ActivityEntry served(Long groupId, Instant now, Long downloaderId, String sha256, String fileName,
                                long chunks, long bytes, Long reporterId) {
        ActivityEntry entry = new ActivityEntry(groupId, now, ActivityKind.SERVED, downloaderId, sha256, fileName);
        entry.chunks = chunks;
        entry.bytes = bytes;
        entry.reporterId = reporterId;
        return entry;
    }

    Instant getExpiresAt() {
        return expiresAt;
    }

    String getFileName() {
        return fileName;
    }
}
