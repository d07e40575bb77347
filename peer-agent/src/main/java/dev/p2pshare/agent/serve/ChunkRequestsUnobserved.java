package dev.p2pshare.agent.serve;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Chunk requests are not observed as {@code http.server.requests}: a download makes one per 512 KiB, and
 * starting and stopping a timed observation (tags, long-task timer, handlers) took about a fifth of the chunk
 * server's CPU per request. {@code p2p.chunks.served} and {@code p2p.bytes.served} count them; the control
 * API's requests are observed as before.
 */
@Component
public class ChunkRequestsUnobserved implements ObservationPredicate {
    @Override
    public boolean test(String name, Observation.Context context) {
        return !(context instanceof ServerRequestObservationContext request
                && request.getCarrier().getRequestURI().startsWith("/chunks/"));
    }
}
