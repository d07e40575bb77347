package dev.p2pshare.tracker.system;

import dev.p2pshare.shared.FolderLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

/** The {@code p2p.tracker.*} settings; defaults in the module's application.yml. */
@ConfigurationProperties("p2p.tracker")
public record TrackerProperties(
        Path dataDir,
        Duration sessionTtl,
        Duration cacheTtl,
        Duration peerTimeout,
        Duration grantTtl,
        int loginMaxFailures,
        int loginMaxFailuresPerAddress,
        Duration loginWindow,
        int authRequestsPerMinute,
        int passwordHashConcurrency,
        DataSize maxRequestSize,
        Duration grantKeyRotation,
        DataSize passwordHashMemory,
        int maxPeers,
        Duration activityRetention,
        FolderLimits folderLimits) {
    public TrackerProperties {
        if (maxPeers < 1) throw new IllegalArgumentException("p2p.tracker.max-peers must be at least 1");
        if (loginMaxFailures < 1 || loginMaxFailuresPerAddress < 1 || authRequestsPerMinute < 1) {
            throw new IllegalArgumentException("p2p.tracker.login-max-failures, login-max-failures-per-address "
                    + "and auth-requests-per-minute must be at least 1");
        }
        if (cacheTtl == null || cacheTtl.isNegative()) throw new IllegalArgumentException("p2p.tracker.cache-ttl must be 0s or more");
        // 0 (the default) means one Argon2 computation per CPU core at a time.
        if (folderLimits == null) folderLimits = FolderLimits.DEFAULT;
        if (passwordHashConcurrency < 1) passwordHashConcurrency = Runtime.getRuntime().availableProcessors();
    }
}
