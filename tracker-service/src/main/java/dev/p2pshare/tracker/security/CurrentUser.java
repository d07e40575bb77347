package dev.p2pshare.tracker.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The authenticated caller of a request: resolved from the bearer token by {@link SessionIntrospector}.
 * A caller with a session token has {@code apiKey} null; one with an API key has {@code sessionId} 0 and
 * {@code apiKey} saying what the key may reach.
 */
public record CurrentUser(long userId, String username, long sessionId, ApiKeyScope apiKey)
        implements OAuth2AuthenticatedPrincipal {

    /** A caller with a session token. */
    public CurrentUser(long userId, String username, long sessionId) {
        this(userId, username, sessionId, null);
    }

    /** Whether this caller may see {@code group} at all: always with a session, only its groups with an API key. */
    public boolean reaches(String group) {
        return apiKey == null || apiKey.reaches(group);
    }

    @Override
    public String getName() {
        return username;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return Map.of("sub", username);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of();
    }
}
