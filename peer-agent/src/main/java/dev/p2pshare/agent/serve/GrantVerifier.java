package dev.p2pshare.agent.serve;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import dev.p2pshare.agent.system.AgentSettings;
import dev.p2pshare.agent.system.Problems;
import dev.p2pshare.agent.tracker.TrackerClient;
import dev.p2pshare.shared.tracker.Grants;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the download grants peers present: signed by the tracker (its JWK Set, cached and fetched
 * again when a grant names an unknown key), not expired, issued by the tracker, and for the file asked for.
 */
@Component
public class GrantVerifier {
    private static final long KEY_CACHE_MILLIS = Duration.ofMinutes(10).toMillis();
    private static final long KEY_FETCH_TIMEOUT_MILLIS = Duration.ofSeconds(15).toMillis();
    /** At most one fetch per this interval when grants name unknown keys (forged grants cannot flood the tracker). */
    private static final long KEY_REFETCH_MIN_MILLIS = Duration.ofSeconds(5).toMillis();
    private static final long KEY_OUTAGE_TOLERANCE_MILLIS = Duration.ofHours(1).toMillis();

    /** Grants already verified, by token: a downloader presents the same grant for hundreds of chunks. */
    private static final int MAX_REMEMBERED = 4096;

    private final NimbusJwtDecoder decoder;
    private final Duration clockSkew;
    private final Map<String, Remembered> verified = new ConcurrentHashMap<>();

    private record Remembered(Grant grant, Instant expiresAt) {
    }

    @Autowired
    public GrantVerifier(TrackerClient tracker, AgentSettings settings) {
        this(JWKSourceBuilder.create(new TrackerKeys(tracker))
                .cache(KEY_CACHE_MILLIS, KEY_FETCH_TIMEOUT_MILLIS)
                .rateLimited(KEY_REFETCH_MIN_MILLIS)
                .outageTolerant(KEY_OUTAGE_TOLERANCE_MILLIS)
                .build(), settings.grantClockSkew());
    }

    /** Checks grants against {@code keys}; the tracker signs with ES256 only, so no other algorithm is accepted. */
    GrantVerifier(JWKSource<SecurityContext> keys, Duration clockSkew) {
        decoder = NimbusJwtDecoder.withJwkSource(keys)
                .jwsAlgorithms(algorithms -> algorithms.add(SignatureAlgorithm.ES256))
                .build();
        this.clockSkew = clockSkew;
        JwtTimestampValidator expiry = new JwtTimestampValidator(clockSkew);
        expiry.setAllowEmptyExpiryClaim(false);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(expiry, new JwtIssuerValidator(Grants.ISSUER)));
    }

    /**
     * The grant in an {@code Authorization} header, checked for file {@code sha256}: 401 when missing
     * or invalid, 403 when it is for another file, 503 when the tracker's keys cannot be fetched.
     */
    public Grant check(String authorization, String sha256) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw Problems.of(HttpStatus.UNAUTHORIZED, "a download grant is required (Authorization: Bearer)");
        }
        String token = authorization.substring(7).strip();
        Remembered known = verified.get(token);
        if (known != null && Instant.now().isBefore(known.expiresAt().plus(clockSkew))) {
            return forFile(known.grant(), sha256);
        }
        if (known != null) verified.remove(token);
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (BadJwtException e) {
            throw Problems.of(HttpStatus.UNAUTHORIZED, "invalid grant: " + firstLine(e.getMessage()));
        } catch (JwtException e) {
            if (causedBy(e, RateLimitReachedException.class)) {
                // The keys were fetched moments ago and none matches: an unknown (forged) key.
                throw Problems.of(HttpStatus.UNAUTHORIZED, "invalid grant: unknown signing key");
            }
            throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                    "cannot check grants now: " + firstLine(e.getMessage()));
        }
        String file = jwt.getClaimAsString(Grants.FILE_CLAIM);
        String group = jwt.getClaimAsString(Grants.GROUP_CLAIM);
        if (file == null || group == null) {
            throw Problems.of(HttpStatus.UNAUTHORIZED, "the grant names no file or group");
        }
        Grant grant = new Grant(jwt.getSubject(), group, file);
        if (verified.size() >= MAX_REMEMBERED) verified.clear();
        verified.put(token, new Remembered(grant, jwt.getExpiresAt()));
        return forFile(grant, sha256);
    }

    private static Grant forFile(Grant grant, String sha256) {
        if (!grant.sha256().equals(sha256)) {
            throw Problems.of(HttpStatus.FORBIDDEN, "the grant is for another file");
        }
        return grant;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return true;
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) return "rejected";
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
