package dev.p2pshare.tracker.session;

import dev.p2pshare.tracker.system.ApiProblem;
import dev.p2pshare.tracker.system.TrackerProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * After {@code login-max-failures} failed logins for one user name within {@code login-window}, further
 * attempts get 429 with Retry-After until the oldest failure leaves the window. Counted in the database,
 * so every tracker instance sees the same count. Each attempt counts as a failure before its password is
 * checked, so parallel guesses cannot all pass the check before any of them is counted.
 */
@Component
class LoginThrottle {
    private final LoginFailureRepository failures;
    private final TrackerProperties properties;
    private final Clock clock;

    LoginThrottle(LoginFailureRepository failures, TrackerProperties properties, Clock clock) {
        this.failures = failures;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Counts an attempt for {@code username} as failed until {@link #succeeded} says otherwise; 429 (and the
     * attempt not counted) when the name already has the most failures the window allows.
     */
    void admit(String username) {
        Instant now = clock.instant();
        LoginFailure attempt = failures.saveAndFlush(new LoginFailure(username, now));
        Instant since = now.minus(properties.loginWindow());
        if (failures.countSince(username, since) <= properties.loginMaxFailures()) return;
        failures.delete(attempt);
        Instant oldest = failures.oldestSince(username, since);
        long wait = oldest == null ? 1 : Duration.between(now, oldest.plus(properties.loginWindow())).toSeconds() + 1;
        throw ApiProblem.tooManyRequests("too many failed logins for " + username + "; try again in " + wait + " s", wait);
    }

    /** The password was right: the name's failures are forgotten. */
    void succeeded(String username) {
        failures.deleteByUsername(username);
    }
}
