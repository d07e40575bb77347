package dev.p2pshare.tracker.peer;

import dev.p2pshare.tracker.system.TrackerProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * The {@code p2p_tracker_peers_online} gauge: agents whose last heartbeat is within the peer timeout,
 * counted in the database when scraped (so every tracker instance on one database reports the same).
 */
@Component
class OnlinePeers {
    private final PeerRepository peers;
    private final TrackerProperties properties;
    private final Clock clock;

    OnlinePeers(PeerRepository peers, TrackerProperties properties, Clock clock, MeterRegistry meters) {
        this.peers = peers;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("p2p.tracker.peers.online", this, OnlinePeers::count)
                .description("agents whose heartbeat is within p2p.tracker.peer-timeout")
                .strongReference(true)
                .register(meters);
    }

    private double count() {
        return peers.countByLastSeenAfter(clock.instant().minus(properties.peerTimeout()));
    }
}
