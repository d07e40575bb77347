package dev.p2pshare.tracker.grant;

import dev.p2pshare.shared.tracker.Grants;
import dev.p2pshare.tracker.system.TrackerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs download grants: sub = user, grp = group, sha256 = the file, iss = {@link Grants#ISSUER},
 * exp = now + grant-ttl. A grant for the same (user, group, file) that still has more than half its
 * lifetime left is handed out again instead of signing anew; that memo is a cache, not state.
 */
@Component
public class GrantSigner {
    private static final int MAX_CACHED = 10_000;

    private final GrantKeys keys;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, SignedGrant> recent = new ConcurrentHashMap<>();
    private final Counter issued;

    public GrantSigner(GrantKeys keys, TrackerProperties properties, Clock clock, MeterRegistry meters) {
        this.keys = keys;
        this.ttl = properties.grantTtl();
        this.clock = clock;
        this.issued = Counter.builder("p2p.tracker.grants.issued")
                .description("download grants handed out with file details (fresh or recently signed)")
                .register(meters);
    }

    public SignedGrant grant(String username, String group, String sha256) {
        issued.increment();
        Instant now = clock.instant();
        String key = username + '\n' + group + '\n' + sha256;
        SignedGrant cached = recent.get(key);
        if (cached != null && cached.expiresAt().minus(ttl.dividedBy(2)).isAfter(now)) return cached.again();
        SignedGrant fresh = sign(username, group, sha256, now.truncatedTo(ChronoUnit.SECONDS)); // JWT times are whole seconds
        if (recent.size() >= MAX_CACHED) recent.clear();
        recent.put(key, fresh);
        return fresh;
    }

    private SignedGrant sign(String username, String group, String sha256, Instant now) {
        GrantKeys.SigningKey key = keys.current();
        Instant expiresAt = now.plus(ttl);
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(Grants.ISSUER)
                .subject(username)
                .issuedAt(now)
                .expiresAt(expiresAt)
                .claim(Grants.GROUP_CLAIM, group)
                .claim(Grants.FILE_CLAIM, sha256)
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).keyId(key.kid()).type("JWT").build();
        String token = key.encoder().encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new SignedGrant(token, expiresAt, true);
    }
}
