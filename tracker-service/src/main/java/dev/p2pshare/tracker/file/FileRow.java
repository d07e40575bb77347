package dev.p2pshare.tracker.file;

import dev.p2pshare.shared.tracker.FileSummary;

/** One line of a group's file listing as the database answers it. */
record FileRow(String name, Long size, String sha256, Integer chunkCount, Long seeders, Boolean folder, Integer fileCount) {
    FileSummary toSummary() {
        return new FileSummary(name, size, sha256, chunkCount, seeders.intValue(), folder, fileCount);
    }
}
