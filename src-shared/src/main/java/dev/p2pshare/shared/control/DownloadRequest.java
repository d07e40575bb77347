package dev.p2pshare.shared.control;

import java.util.List;

/**
 * {@code POST /control/downloads}: fetch {@code fileName} of {@code group} to absolute {@code dest}
 * (a folder means "keep the file's name"). Repeating the request for a paused or failed download
 * resumes it. {@code overwrite} allows replacing an existing file; {@code seed} (default true) keeps
 * sharing the file in the group once complete. {@code maxRate} (bytes per second; null or 0: none) is the
 * download's own rate limit, on top of the agent's. For a shared folder, {@code only} and {@code exclude}
 * are globs over the paths inside it ({@code raw/*.cr3}, {@code **}{@code /*.txt}; one naming a folder
 * means everything under it): only the files matching some {@code only} (all when none) and no
 * {@code exclude} are fetched.
 */
public record DownloadRequest(String group, String fileName, String dest, Boolean overwrite, Boolean seed,
                              Long maxRate, List<String> only, List<String> exclude) {
    public DownloadRequest {
        only = only == null ? List.of() : List.copyOf(only);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    public DownloadRequest(String group, String fileName, String dest, Boolean overwrite, Boolean seed, Long maxRate) {
        this(group, fileName, dest, overwrite, seed, maxRate, null, null);
    }

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
