package dev.p2pshare.tracker.session;

import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.shared.tracker.SessionToken;
import dev.p2pshare.tracker.peer.PeerRepository;
import dev.p2pshare.tracker.system.ApiProblem;
import dev.p2pshare.tracker.system.TrackerProperties;
import dev.p2pshare.tracker.system.Validation;
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
import org.springframework.security.crypto.password.PasswordEncoder;
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
    private final LoginThrottle throttle;
    private final PasswordEncoder passwordEncoder;
    private final TrackerProperties properties;
    private final Clock clock;
    /** Compared against when the user does not exist, so a wrong name costs as long as a wrong password. */
    private final String decoyHash;
    private final Counter wrongCredentials;
    private final Counter throttled;

    public SessionController(UserRepository users, SessionRepository sessions, PeerRepository peers,
                             LoginThrottle throttle, PasswordEncoder passwordEncoder, TrackerProperties properties,
                             Clock clock, MeterRegistry meters) {
        this.users = users;
        this.sessions = sessions;
        this.peers = peers;
        this.throttle = throttle;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        this.clock = clock;
        this.decoyHash = passwordEncoder.encode(SessionTokens.newToken());
        this.wrongCredentials = failedLogins(meters, "wrong-credentials");
        this.throttled = failedLogins(meters, "throttled");
    }

    @Operation(summary = "Log in: answers a bearer token for every later call")
    @SecurityRequirements
    @ApiResponse(responseCode = "201", description = "logged in")
    @ApiResponse(responseCode = "400", description = "bad user name or no password")
    @ApiResponse(responseCode = "401", description = "wrong user name or password")
    @ApiResponse(responseCode = "429", description = "too many failed logins for this user name; see Retry-After")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public SessionToken login(@RequestBody Credentials credentials, HttpServletRequest request) {
        Validation.requireBody(credentials);
        Validation.requireName("user", credentials.username());
        if (credentials.password() == null) throw ApiProblem.badRequest("password is missing");
        try {
            throttle.admit(credentials.username());
        } catch (ApiProblem tooMany) {
            throttled.increment();
            log.warn("login throttled: {} from {}", credentials.username(), request.getRemoteAddr());
            throw tooMany;
        }
        Optional<User> user = users.findByUsername(credentials.username());
        boolean matches = passwordEncoder.matches(credentials.password(),
                user.map(User::getPasswordHash).orElse(decoyHash));
        if (user.isEmpty() || !matches) {
            wrongCredentials.increment();
            log.warn("login failed: {} from {} ({})", credentials.username(), request.getRemoteAddr(),
                    user.isEmpty() ? "no such user" : "wrong password");
            throw ApiProblem.unauthorized("wrong user name or password");
        }
        throttle.succeeded(credentials.username());
        String token = SessionTokens.newToken();
        Instant now = clock.instant();
        Session session = sessions.save(new Session(SessionTokens.hash(token), user.get().getId(), now,
                now.plus(properties.sessionTtl())));
        log.info("login ok: {} from {}", credentials.username(), request.getRemoteAddr());
        return new SessionToken(token, session.getExpiresAt());
    }

    @Operation(summary = "Log out: revokes this session at once and marks the caller's peer offline")
    @ApiResponse(responseCode = "204", description = "logged out")
    @ApiResponse(responseCode = "401", description = "no, bad, revoked or expired session")
    @DeleteMapping("/current")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void logout(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser me) {
        sessions.revoke(me.sessionId(), clock.instant());
        peers.deleteByUserId(me.userId());
        log.info("logout: {}", me.username());
    }

    /** {@code p2p_tracker_logins_failed_total{reason=...}}: refused logins, for alerting on password guessing. */
    private static Counter failedLogins(MeterRegistry meters, String reason) {
        return Counter.builder("p2p.tracker.logins.failed").tag("reason", reason)
                .description("logins refused: wrong user name or password, or too many failures (429)")
                .register(meters);
    }
}
