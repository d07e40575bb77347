package dev.p2pshare.tracker.system;

import dev.p2pshare.shared.tracker.Grants;
import dev.p2pshare.tracker.security.ApiKeyLimits;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.Map;
import java.util.Objects;

/**
 * Stateless bearer authentication: the token is an opaque session token or API key, resolved against the
 * database by session/'s introspector. Registering, logging in, the grant keys, health and the API docs
 * are open; everything else needs a live session or key, within the key's limits ({@link ApiKeyLimits}).
 * Failures answer problem+json.
 */
@Configuration
public class SecurityConfig {
    /** Open to everyone; a stale Authorization header on these is ignored rather than refused. */
    private static final RequestMatcher PUBLIC = new OrRequestMatcher(
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/users"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/sessions"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, Grants.JWKS_PATH),
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/actuator/health/**"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/actuator/prometheus"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/v3/api-docs/**"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/swagger-ui.html"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/swagger-ui/**"));

    @Bean
    SecurityFilterChain api(HttpSecurity http, OpaqueTokenIntrospector introspector, ProblemWriter problems) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            problems.write(response, request.getRequestURI(), HttpStatus.UNAUTHORIZED,
                    request.getHeader("Authorization") == null
                            ? "log in first: this needs Authorization: Bearer <session token or API key>"
                            : "the session or API key is unknown, revoked or expired; log in again");
        };
        AccessDeniedHandler forbidden = (request, response, e) ->
                problems.write(response, request.getRequestURI(), HttpStatus.FORBIDDEN,
                        Objects.requireNonNullElse(ApiKeyLimits.reasonOf(e), "not allowed"));
        DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
        BearerTokenResolver resolver = request -> PUBLIC.matches(request) ? null : bearer.resolve(request);
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(a -> { })
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(PUBLIC).permitAll()
                        .anyRequest().access(new ApiKeyLimits()))
                .oauth2ResourceServer(rs -> rs
                        .opaqueToken(t -> t.introspector(introspector))
                        .bearerTokenResolver(resolver)
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        return http.build();
    }

    /** File names may hold ';' and '%' (sent percent-encoded); the remaining firewall checks stay. */
    @Bean
    StrictHttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowSemicolon(true);
        firewall.setAllowUrlEncodedPercent(true);
        return firewall;
    }

    /** A request the firewall refuses (encoded '/', '..', ...) is a 400 problem, like every bad input. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (request, response, e) -> problems.write(response, null, HttpStatus.BAD_REQUEST,
                "request rejected: the URL is not acceptable");
    }

    /**
     * Argon2id (salt 16, hash 32, parallelism 1, 2 iterations; memory configurable), stored with its
     * "{argon2}" prefix so the scheme can change later. Not BCrypt: BCrypt ignores or refuses password bytes
     * past 72, and passwords may be 128 characters.
     */
    @Bean
    PasswordEncoder passwordEncoder(TrackerProperties properties) {
        int memoryKib = (int) properties.passwordHashMemory().toKilobytes();
        return new DelegatingPasswordEncoder("argon2",
                Map.of("argon2", new Argon2PasswordEncoder(16, 32, 1, memoryKib, 2)));
    }
}
