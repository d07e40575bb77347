package dev.p2pshare.tracker.session;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** Resolves a bearer token to its live session in the database, so revocation and expiry act at once on every instance. */
@Component
public class SessionIntrospector implements OpaqueTokenIntrospector {
    private final SessionRepository sessions;
    private final Clock clock;

    public SessionIntrospector(SessionRepository sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        return sessions.findLive(SessionTokens.hash(token), clock.instant())
                .orElseThrow(() -> new BadOpaqueTokenException("session is unknown, revoked or expired"));
    }
}
