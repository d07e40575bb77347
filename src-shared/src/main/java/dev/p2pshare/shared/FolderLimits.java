package dev.p2pshare.shared;

/**
 * How large a shared folder may be: files in it, UTF-8 bytes of one path inside it, and folders deep.
 * The tracker checks them when a folder is shared, and the downloader again before it writes anything;
 * each side reads its own settings ({@code p2p.tracker.folder-limits.*}, {@code p2p.agent.folder-limits.*}).
 */
public record FolderLimits(int maxFiles, int maxPathBytes, int maxDepth) {
    public static final FolderLimits DEFAULT = new FolderLimits(100_000, 4096, 64);

    public FolderLimits {
        if (maxFiles < 1 || maxPathBytes < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("folder limits must be positive");
        }
    }
}
