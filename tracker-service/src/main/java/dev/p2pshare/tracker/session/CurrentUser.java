package dev.p2pshare.tracker.session;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The authenticated caller of a request: resolved from the bearer token by {@link SessionIntrospector}. */
public record CurrentUser(long userId, String username, long sessionId) implements OAuth2AuthenticatedPrincipal {

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
