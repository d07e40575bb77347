package dev.p2pshare.tracker.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.p2pshare.shared.tracker.NewApiKey;
import dev.p2pshare.tracker.security.CurrentUser;
import dev.p2pshare.tracker.system.TrackerProperties;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Resolves a bearer token to its live session, or an API key to its live key, in the database. A token resolved
 * live is trusted again for {@code p2p.tracker.cache-ttl} (never past its own expiry) without asking the database:
 * a logout or key revocation through this instance forgets it at once ({@link #forget}), one through another
 * instance sharing the database takes effect here within that time.
 */
@Component
public class SessionIntrospector implements OpaqueTokenIntrospector {
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    private static final long MAX_CACHED = 100_000;

    private final SessionRepository sessions;
    private final ApiKeyRepository apiKeys;
    private final UserRepository users;
    private final Clock clock;
    /** Live tokens by their SHA-256 (no token itself is kept), each with the end of its life. */
    private final Cache<String, LiveToken> recent;
    /** Counts the forgettings, so that a lookup racing one does not put back what it forgot. */
    private final AtomicLong forgotten = new AtomicLong();

    public SessionIntrospector(SessionRepository sessions, ApiKeyRepository apiKeys, UserRepository users, Clock clock,
                               TrackerProperties properties) {
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.users = users;
        this.clock = clock;
        this.recent = Caffeine.newBuilder().maximumSize(MAX_CACHED).expireAfterWrite(properties.cacheTtl()).build();
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        Instant now = clock.instant();
        String hash = SessionTokens.hash(token);
        LiveToken known = recent.getIfPresent(hash);
        if (known != null && known.isLiveAt(now)) return known.user();
        long before = forgotten.get();
        LiveToken live = NewApiKey.isApiKey(token) ? apiKey(token, now)
                : sessions.findLive(hash, now)
                        .orElseThrow(() -> new BadOpaqueTokenException("session is unknown, revoked or expired"));
        remember(hash, live, before);
        return live.user();
    }

    /** Unless a logout or revocation ran since {@code before}: then what was read may be stale already. */
    private synchronized void remember(String hash, LiveToken live, long before) {
        if (forgotten.get() == before) recent.put(hash, live);
    }

    /**
     * Stops trusting the cached callers {@code which} matches: after their session was revoked or their API key
     * deleted, so that their next request is checked against the database.
     */
    synchronized void forget(Predicate<CurrentUser> which) {
        forgotten.incrementAndGet();
        recent.asMap().values().removeIf(live -> which.test(live.user()));
    }

    private LiveToken apiKey(String token, Instant now) {
        long id = SessionTokens.apiKeyId(token);
        ApiKey key = id < 0 ? null : apiKeys.findById(id).orElse(null);
        if (key == null || !key.isLive(now) || !sameHash(key.getSecretHash(), SessionTokens.hash(SessionTokens.apiKeySecret(token)))) {
            throw new BadOpaqueTokenException("API key is unknown, revoked or expired");
        }
        User owner = users.findById(key.getUserId())
                .orElseThrow(() -> new BadOpaqueTokenException("API key is unknown, revoked or expired"));
        apiKeys.touch(key.getId(), now, now.minus(LAST_USED_PRECISION));
        return new LiveToken(new CurrentUser(owner.getId(), owner.getUsername(), 0, key.scope()), key.getExpiresAt());
    }

    /** In constant time, so the hash of a key cannot be guessed a character at a time. */
    private static boolean sameHash(String stored, String presented) {
        return MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }
}
