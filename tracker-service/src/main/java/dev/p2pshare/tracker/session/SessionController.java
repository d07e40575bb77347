package dev.p2pshare.tracker.session;

import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.shared.tracker.SessionToken;
import dev.p2pshare.tracker.peer.PeerRepository;
import dev.p2pshare.tracker.security.CurrentUser;
import dev.p2pshare.tracker.system.AddressRateLimit;
import dev.p2pshare.tracker.system.ApiProblem;
import dev.p2pshare.tracker.system.ClientAddress;
import dev.p2pshare.tracker.system.TrackerProperties;
import dev.p2pshare.tracker.system.Validation;
import dev.p2pshare.tracker.user.PasswordHasher;
import dev.p2pshare.tracker.user.Passwords;
import dev.p2pshare.tracker.user.User;
import dev.p2pshare.tracker.user.UserRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

@Tag(name = "sessions")
@RestController
@RequestMapping("/api/sessions")
public class SessionController {
    private static final Logger log = LoggerFactory.getLogger(SessionController.class);
    private final UserRepository users;
    private final SessionRepository sessions;
    private final PeerRepository peers;
    private final SessionIntrospector introspector;
    private final LoginThrottle throttle;
    private final AddressRateLimit rateLimit;
    private final PasswordHasher passwords;
    private final TrackerProperties properties;
    private final Clock clock;
    private final Counter wrongCredentials;
    private final Counter throttled;

    public SessionController(UserRepository users, SessionRepository sessions, PeerRepository peers,
                             SessionIntrospector introspector, LoginThrottle throttle, AddressRateLimit rateLimit, PasswordHasher passwords,
                             TrackerProperties properties, Clock clock, MeterRegistry meters) {
        this.users = users;
        this.sessions = sessions;
        this.peers = peers;
        this.introspector = introspector;
        this.throttle = throttle;
        this.rateLimit = rateLimit;
        this.passwords = passwords;
        this.properties = properties;
        this.clock = clock;
        this.wrongCredentials = failedLogins(meters, "wrong-credentials");
        this.throttled = failedLogins(meters, "throttled");
    }

    @Operation(summary = "Log in: answers a bearer token for every later call")
    @SecurityRequirements
    @ApiResponse(responseCode = "201", description = "logged in")
    @ApiResponse(responseCode = "400", description = "bad user name or no password")
    @ApiResponse(responseCode = "401", description = "wrong user name or password")
    @ApiResponse(responseCode = "429", description = "too many logins from this address, or failed ones for this "
            + "user name from it; see Retry-After")
    @ApiResponse(responseCode = "503", description = "too many passwords being checked at once; see Retry-After")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public SessionToken login(@RequestBody Credentials credentials, HttpServletRequest request) {
        Validation.requireBody(credentials);
        Validation.requireName("user", credentials.username());
        Passwords.requireText(credentials.password());
        String address = ClientAddress.of(request);
        try {
            rateLimit.admit(request);
            throttle.admit(credentials.username(), address);
        } catch (ApiProblem tooMany) {
            throttled.increment();
            log.warn("login throttled: {} from {}", credentials.username(), address);
            throw tooMany;
        }
        Optional<User> user = users.findByUsername(credentials.username());
        if (!passwords.matches(credentials.password(), user.map(User::getPasswordHash).orElse(null))) {
            wrongCredentials.increment();
            log.warn("login failed: {} from {} ({})", credentials.username(), address,
                    user.isEmpty() ? "no such user" : "wrong password");
            throw ApiProblem.unauthorized("wrong user name or password");
        }
        throttle.succeeded(credentials.username(), address);
        String token = SessionTokens.newToken();
        Instant now = clock.instant();
        Session session = sessions.save(new Session(SessionTokens.hash(token), user.get().getId(), now,
                now.plus(properties.sessionTtl())));
        log.info("login ok: {} from {}", user.get().getUsername(), address);
        return new SessionToken(token, session.getExpiresAt());
    }

    @Operation(summary = "Log out: revokes this session at once and marks the caller's peer offline",
            description = "With an API key the peer goes offline but the key stays valid: it is not a session "
                    + "(revoke it with DELETE /api/users/me/api-keys/{name}).")
    @ApiResponse(responseCode = "204", description = "logged out")
    @ApiResponse(responseCode = "401", description = "no, bad, revoked or expired session")
    @DeleteMapping("/current")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void logout(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me) {
        if (me.apiKey() == null) {
            sessions.revoke(me.sessionId(), clock.instant());
            introspector.forget(caller -> caller.sessionId() == me.sessionId());
        }
        peers.deleteByUserId(me.userId());
        if (me.apiKey() == null) {
            log.info("logout: {}", me.username());
        } else {
            log.info("offline: {} (api key {} stays valid)", me.username(), me.apiKey().name());
        }
    }

    /** {@code p2p_tracker_logins_failed_total{reason=...}}: refused logins, for alerting on password guessing. */
    private static Counter failedLogins(MeterRegistry meters, String reason) {
        return Counter.builder("p2p.tracker.logins.failed").tag("reason", reason)
                .description("logins refused: wrong user name or password, or too many failures (429)")
                .register(meters);
    }
}
