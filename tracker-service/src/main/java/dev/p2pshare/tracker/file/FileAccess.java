package dev.p2pshare.tracker.file;

/**
 * A group and one file of it (null when there is no such file) as one caller stands towards them, read
 * in a single query because it is on the download hot path.
 */
record FileAccess(Long groupId, String groupName, Boolean isPrivate, Boolean member, SharedFile file) {
    boolean canRead() {
        return !isPrivate || member;
    }
}
