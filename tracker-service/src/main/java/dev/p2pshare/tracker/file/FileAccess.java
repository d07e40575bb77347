package dev.p2pshare.tracker.file;

import dev.p2pshare.tracker.group.GroupAccess;

/**
 * A group and one file of it (null when there is no such file) as one caller stands towards them, read
 * in a single query (chunk reports ask for it every few seconds per download).
 */
record FileAccess(GroupAccess group, SharedFile file) {
    /** As {@link SharedFileRepository#findAccess} reads it. */
    FileAccess(Long groupId, String groupName, Boolean isPrivate, Boolean owner, Boolean member, SharedFile file) {
        this(new GroupAccess(groupId, groupName, isPrivate, GroupAccess.standing(owner, member)), file);
    }
}
