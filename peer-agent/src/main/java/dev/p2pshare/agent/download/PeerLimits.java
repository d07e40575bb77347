package dev.p2pshare.agent.download;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * What a download tolerates of a peer ({@code p2p.agent.peer-limits.*}): a chunk must arrive at
 * {@code minRate} at least (after a short grace), and a partial holder's answer about its chunks counts
 * only within {@code queryTimeout} (until then, and otherwise, the tracker's copy is used).
 */
@ConfigurationProperties("p2p.agent.peer-limits")
public record PeerLimits(DataSize minRate, Duration queryTimeout) {
    public PeerLimits {
        if (minRate == null || minRate.toBytes() < 1) {
            throw new IllegalArgumentException("p2p.agent.peer-limits.min-rate must be at least 1B");
        }
        if (queryTimeout == null || queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("p2p.agent.peer-limits.query-timeout must be positive");
        }
    }
}
