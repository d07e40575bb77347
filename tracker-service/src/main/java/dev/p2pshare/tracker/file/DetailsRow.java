package dev.p2pshare.tracker.file;

import dev.p2pshare.shared.tracker.PeerHolding;
import dev.p2pshare.tracker.group.GroupAccess;

/**
 * One row of {@link SharedFileRepository#findDetails}: the group as the caller stands towards it, the file (id
 * null when there is no such file) and one online holder of it (null when the row names none).
 */
record DetailsRow(GroupAccess group, Long fileId, String fileName, String sha256, PeerHolding holder) {
    DetailsRow(Long groupId, String groupName, Boolean isPrivate, Boolean owner, Boolean member, Long fileId,
               String fileName, String sha256, String holderName, String holderUrl, String holderChunks) {
        this(new GroupAccess(groupId, groupName, isPrivate, GroupAccess.standing(owner, member)), fileId, fileName, sha256,
                holderName == null ? null : new PeerHolding(holderName, holderUrl, holderChunks));
    }
}
