package dev.p2pshare.agent.system;

import dev.p2pshare.shared.ByteRates;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The agent's settings ({@code p2p.agent.*}); defaults live in the module's application.yml and the
 * user-editable copy in the top-level application.yml. {@code trustCertificate} is a PEM file (a CA or a
 * certificate) that https trackers and peers may present, trusted on top of the platform's CAs; null when unset.
 * The rates are read by {@link ByteRates} (MB is 10^6 bytes, MiB 2^20; 0 is unlimited): Spring's DataSize
 * would read MB as MiB, unlike the CLI.
 */
@ConfigurationProperties("p2p.agent")
public record AgentSettings(Path home, String chunkAddress, int chunkPort, String publicUrl,
                            Duration heartbeatInterval, int requestsPerPeer, int maxUploads,
                            Duration connectTimeout, Duration readTimeout, String maxUploadRate,
                            Duration peerRefreshInterval, Duration availabilityInterval,
                            Duration grantClockSkew, Path trustCertificate, String maxDownloadRate,
                            boolean limitLocalPeers) {

    public AgentSettings {
        home = home.toAbsolutePath().normalize();
        publicUrl = publicUrl == null ? "" : publicUrl.strip();
        trustCertificate = trustCertificate == null || trustCertificate.toString().isBlank() ? null
                : trustCertificate.toAbsolutePath().normalize();
        if (requestsPerPeer < 1) throw new IllegalArgumentException("p2p.agent.requests-per-peer must be at least 1");
        if (maxUploads < 1) throw new IllegalArgumentException("p2p.agent.max-uploads must be at least 1");
        rate("max-upload-rate", maxUploadRate);
        rate("max-download-rate", maxDownloadRate);
    }

    /** Upload limit in bytes per second across all peers, or 0 for none. */
    public long maxUploadBytesPerSecond() {
        return rate("max-upload-rate", maxUploadRate);
    }

    /** Download limit in bytes per second across all downloads, or 0 for none. */
    public long maxDownloadBytesPerSecond() {
        return rate("max-download-rate", maxDownloadRate);
    }

    private static long rate(String name, String value) {
        if (value == null || value.isBlank()) return 0;
        try {
            return ByteRates.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("p2p.agent." + name + ": " + e.getMessage(), e);
        }
    }
}
