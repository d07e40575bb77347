package dev.p2pshare.tracker.session;

import dev.p2pshare.tracker.system.ApiProblem;
import dev.p2pshare.tracker.system.TrackerProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Failed logins are counted per (user name, client address) and per client address within
 * {@code login-window}. Past {@code login-max-failures} for a name from one address, or
 * {@code login-max-failures-per-address} for all names from one address, that address gets 429 with
 * Retry-After until its oldest failure leaves the window. Never per name alone: a guesser elsewhere
 * cannot lock the real user out, while a guesser spraying many names is slowed as much as one guessing
 * one name. Counted in the database, so every tracker instance sees the same counts. Each attempt
 * counts as a failure before its password is checked, so parallel guesses cannot all pass the check
 * before any of them is counted.
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
     * Counts an attempt for {@code username} from {@code address} as failed until {@link #succeeded} says
     * otherwise; 429 (and the attempt not counted) when the window already holds the most failures allowed.
     */
    void admit(String username, String address) {
        String name = key(username);
        Instant now = clock.instant();
        LoginFailure attempt = failures.saveAndFlush(new LoginFailure(name, address, now));
        Instant since = now.minus(properties.loginWindow());
        Instant oldest;
        if (failures.countForName(name, address, since) > properties.loginMaxFailures()) {
            oldest = failures.oldestForName(name, address, since);
        } else if (failures.countForAddress(address, since) > properties.loginMaxFailuresPerAddress()) {
            oldest = failures.oldestForAddress(address, since);
        } else {
            return;
        }
        failures.forget(attempt.getId());
        // oldest is null when a concurrent success has just forgotten those failures
        long wait = oldest == null ? 1 : Duration.between(now, oldest.plus(properties.loginWindow())).toSeconds() + 1;
        throw ApiProblem.tooManyRequests("too many failed logins from " + address + "; try again in " + wait + " s", wait);
    }

    /** The password was right: this name's failures from this address are forgotten (the address's others stay). */
    void succeeded(String username, String address) {
        failures.deleteForName(key(username), address);
    }

    /** User names are compared without regard to case, so are their failures. */
    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
