package dev.p2pshare.tracker.file;

import dev.p2pshare.shared.tracker.PeerHolding;

import java.time.Instant;

/**
 * One row of {@link SharedFileRepository#findDetails}: the group, the caller's membership row (id null: none), the
 * file (id null: no such file) and one online holder of it (id null: the row names none).
 */
record DetailsRow(Long groupId, String groupName, boolean isPrivate, Long ownerId, Long memberId, Instant memberUntil,
                  Long fileId, String fileName, String sha256, Long holderId, PeerHolding holding, Instant lastSeen) {
    DetailsRow(Long groupId, String groupName, Boolean isPrivate, Long ownerId, Long memberId, Instant memberUntil,
               Long fileId, String fileName, String sha256, Long holderId, String holderName, String holderUrl,
               String holderChunks, Instant lastSeen) {
        this(groupId, groupName, (boolean) isPrivate, ownerId, memberId, memberUntil, fileId, fileName, sha256, holderId,
                holderId == null ? null : new PeerHolding(holderName, holderUrl, holderChunks), lastSeen);
    }
}
