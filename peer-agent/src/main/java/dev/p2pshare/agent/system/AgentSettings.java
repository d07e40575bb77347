package dev.p2pshare.agent.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The agent's settings ({@code p2p.agent.*}); defaults live in the module's application.yml and the
 * user-editable copy in the top-level application.yml. {@code trustCertificate} is a PEM file (a CA or a
 * certificate) that https trackers and peers may present, trusted on top of the platform's CAs; null when unset.
 */
@ConfigurationProperties("p2p.agent")
public record AgentSettings(Path home, String chunkAddress, int chunkPort, String publicUrl,
                            Duration heartbeatInterval, int requestsPerPeer, int maxUploads,
                            Duration connectTimeout, Duration readTimeout, DataSize maxUploadRate,
                            Duration peerRefreshInterval, Duration availabilityInterval,
                            Duration grantClockSkew, Path trustCertificate) {

    public AgentSettings {
        home = home.toAbsolutePath().normalize();
        publicUrl = publicUrl == null ? "" : publicUrl.strip();
        trustCertificate = trustCertificate == null || trustCertificate.toString().isBlank() ? null
                : trustCertificate.toAbsolutePath().normalize();
        if (requestsPerPeer < 1) throw new IllegalArgumentException("p2p.agent.requests-per-peer must be at least 1");
        if (maxUploads < 1) throw new IllegalArgumentException("p2p.agent.max-uploads must be at least 1");
    }

    /** Upload limit in bytes per second, or 0 for none. */
    public long maxUploadBytesPerSecond() {
        return maxUploadRate == null ? 0 : Math.max(0, maxUploadRate.toBytes());
    }
}
