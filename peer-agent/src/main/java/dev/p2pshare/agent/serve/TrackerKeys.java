package dev.p2pshare.agent.serve;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.p2pshare.agent.tracker.TrackerClient;

import java.text.ParseException;

/** The tracker's grant keys (its JWK Set), fetched through the agent's tracker client with its failover. */
final class TrackerKeys implements JWKSetSource<SecurityContext> {
    private final TrackerClient tracker;

    TrackerKeys(TrackerClient tracker) {
        this.tracker = tracker;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refresh, long currentTime, SecurityContext context)
            throws KeySourceException {
        try {
            return JWKSet.parse(tracker.grantKeys());
        } catch (ParseException e) {
            throw new KeySourceException("the tracker's key set is unreadable: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new KeySourceException("cannot fetch the tracker's keys: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
    }
}
