package dev.p2pshare.tracker.session;

import dev.p2pshare.shared.tracker.NewApiKey;
import dev.p2pshare.tracker.security.CurrentUser;
import dev.p2pshare.tracker.user.User;
import dev.p2pshare.tracker.user.UserRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Resolves a bearer token to its live session, or an API key to its live key, in the database, so revocation
 * and expiry act at once on every instance.
 */
@Component
public class SessionIntrospector implements OpaqueTokenIntrospector {
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final SessionRepository sessions;
    private final ApiKeyRepository apiKeys;
    private final UserRepository users;
    private final Clock clock;

    public SessionIntrospector(SessionRepository sessions, ApiKeyRepository apiKeys, UserRepository users, Clock clock) {
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        Instant now = clock.instant();
        if (NewApiKey.isApiKey(token)) return apiKey(token, now);
        return sessions.findLive(SessionTokens.hash(token), now)
                .orElseThrow(() -> new BadOpaqueTokenException("session is unknown, revoked or expired"));
    }

    private CurrentUser apiKey(String token, Instant now) {
        long id = SessionTokens.apiKeyId(token);
        ApiKey key = id < 0 ? null : apiKeys.findById(id).orElse(null);
        if (key == null || !key.isLive(now) || !sameHash(key.getSecretHash(), SessionTokens.hash(SessionTokens.apiKeySecret(token)))) {
            throw new BadOpaqueTokenException("API key is unknown, revoked or expired");
        }
        User owner = users.findById(key.getUserId())
                .orElseThrow(() -> new BadOpaqueTokenException("API key is unknown, revoked or expired"));
        apiKeys.touch(key.getId(), now, now.minus(LAST_USED_PRECISION));
        return new CurrentUser(owner.getId(), owner.getUsername(), 0, key.scope());
    }

    /** In constant time, so the hash of a key cannot be guessed a character at a time. */
    private static boolean sameHash(String stored, String presented) {
        return MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }
}
