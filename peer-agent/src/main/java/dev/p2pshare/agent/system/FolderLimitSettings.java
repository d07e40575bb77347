package dev.p2pshare.agent.system;

import dev.p2pshare.shared.FolderLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * How large a folder this agent shares or downloads may be ({@code p2p.agent.folder-limits.*}): files and empty
 * folders in it, UTF-8 bytes of one path inside it, folders deep.
 */
@ConfigurationProperties("p2p.agent.folder-limits")
public record FolderLimitSettings(int maxFiles, int maxPathBytes, int maxDepth) {
    private static final String PREFIX = "p2p.agent.folder-limits.";
    private static final List<String> LIMITS = List.of("max-files", "max-path-bytes", "max-depth");

    public FolderLimitSettings {
        if (maxFiles < 1 || maxPathBytes < 1 || maxDepth < 1) {
            throw new IllegalArgumentException(PREFIX + "max-files, max-path-bytes and max-depth must be at least 1");
        }
    }

    /**
     * The setting a folder's problem ({@link dev.p2pshare.shared.Manifest#problem(FolderLimits)}) is about, as in
     * "p2p.agent.folder-limits.max-depth", or null when it is about none (an invalid path).
     */
    public static String settingOf(String problem) {
        for (String limit : LIMITS) {
            if (problem.contains("more than " + limit + " (")) return PREFIX + limit;
        }
        return null;
    }

    public FolderLimits limits() {
        return new FolderLimits(maxFiles, maxPathBytes, maxDepth);
    }
}
