package dev.p2pshare.tracker.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.Set;
import java.util.function.Supplier;

/**
 * The one place where an API key's limits hold, for every request before any controller runs: a key cannot
 * manage API keys (that needs a login session); a read-only key makes no change but its agent's presence
 * (heartbeat, going offline); a key limited to some groups reaches nothing under another group's path and
 * creates no group. Listings that span groups hide the other groups through {@link CurrentUser#reaches}.
 * A session token passes whenever it is authenticated.
 */
public final class ApiKeyLimits implements AuthorizationManager<RequestAuthorizationContext> {
    private static final AuthorizationManager<RequestAuthorizationContext> AUTHENTICATED =
            AuthenticatedAuthorizationManager.authenticated();
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final RequestMatcher SESSION_ONLY = PathPatternRequestMatcher.pathPattern("/api/users/me/api-keys/**");
    /** Not changes to what is shared: the agent saying it is online, or going offline (the key stays valid). */
    private static final RequestMatcher PRESENCE = new OrRequestMatcher(
            PathPatternRequestMatcher.pathPattern(HttpMethod.PUT, "/api/peers/me"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.DELETE, "/api/sessions/current"));
    private static final PathPatternRequestMatcher IN_GROUP = PathPatternRequestMatcher.pathPattern("/api/groups/{group}/**");
    private static final RequestMatcher CREATE_GROUP = PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/groups");

    /** Why a request was refused, for the 403's detail. */
    public record Refusal(String reason) implements AuthorizationResult {
        @Override
        public boolean isGranted() {
            return false;
        }
    }

    /** The reason of a refusal by these limits, else null. */
    public static String reasonOf(Exception denied) {
        return denied instanceof AuthorizationDeniedException d && d.getAuthorizationResult() instanceof Refusal r
                ? r.reason() : null;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        AuthorizationResult authenticated = AUTHENTICATED.authorize(authentication, context);
        if (authenticated == null || !authenticated.isGranted()) return authenticated;
        if (!(authentication.get().getPrincipal() instanceof CurrentUser caller) || caller.apiKey() == null) return authenticated;
        ApiKeyScope key = caller.apiKey();
        var request = context.getRequest();
        if (SESSION_ONLY.matches(request)) {
            return new Refusal("API keys are managed with a login session (p2p login with a password), not with an API key");
        }
        if (key.readOnly() && !READS.contains(HttpMethod.valueOf(request.getMethod())) && !PRESENCE.matches(request)) {
            return new Refusal("this API key is read-only");
        }
        if (key.limitsGroups()) {
            if (CREATE_GROUP.matches(request)) {
                return new Refusal("this API key is limited to the groups " + String.join(", ", key.groups())
                        + ": it cannot create groups");
            }
            RequestMatcher.MatchResult group = IN_GROUP.matcher(request);
            if (group.isMatch() && !key.reaches(group.getVariables().get("group"))) {
                return new Refusal("this API key is limited to the groups " + String.join(", ", key.groups()));
            }
        }
        return authenticated;
    }
}
