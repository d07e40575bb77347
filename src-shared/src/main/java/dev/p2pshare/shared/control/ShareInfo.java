package dev.p2pshare.shared.control;

import java.util.List;

/**
 * A file or folder this agent shares; the answer of {@code POST /control/shares}. {@code files} counts a folder's
 * regular files (1 for a file) and {@code emptyFolders} its empty folders; {@code skipped} lists what sharing a
 * folder left out (symbolic links, special files), in the answer to the share request only.
 */
public record ShareInfo(String group, String name, String path, long size, String sha256, int chunkCount,
                        boolean folder, int files, int emptyFolders, List<SkippedPath> skipped) {

    public ShareInfo {
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    /** A single file. */
    public ShareInfo(String group, String name, String path, long size, String sha256, int chunkCount) {
        this(group, name, path, size, sha256, chunkCount, false, 1, 0, List.of());
    }

    /** The same share, reporting what sharing it skipped. */
    public ShareInfo withSkipped(List<SkippedPath> skippedPaths) {
        return new ShareInfo(group, name, path, size, sha256, chunkCount, folder, files, emptyFolders, skippedPaths);
    }
}
