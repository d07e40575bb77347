package dev.p2pshare.shared.control;

/**
 * {@code POST /control/downloads}: fetch {@code fileName} of {@code group} to absolute {@code dest}
 * (a folder means "keep the file's name"). Repeating the request for a paused or failed download
 * resumes it. {@code overwrite} allows replacing an existing file; {@code seed} (default true) keeps
 * sharing the file in the group once complete. {@code maxRate} (bytes per second; null or 0: none) is the
 * download's own rate limit, on top of the agent's.
 */
public record DownloadRequest(String group, String fileName, String dest, Boolean overwrite, Boolean seed,
                              Long maxRate) {
    public DownloadRequest(String group, String fileName, String dest, Boolean overwrite, Boolean seed) {
        this(group, fileName, dest, overwrite, seed, null);
    }

    public boolean overwriteOrDefault() {
        return Boolean.TRUE.equals(overwrite);
    }

    public boolean seedOrDefault() {
        return seed == null || seed;
    }

    public long maxRateOrDefault() {
        return maxRate == null ? 0 : maxRate;
    }
}
