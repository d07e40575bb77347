package dev.p2pshare.tracker.user;

import dev.p2pshare.tracker.system.ApiProblem;
import dev.p2pshare.tracker.system.TrackerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The password encoder behind a gate: at most {@code password-hash-concurrency} hashes (each costs
 * {@code password-hash-memory} and a core for tens of milliseconds) run at once. A request that finds the
 * gate full for {@link #WAIT_MS} ms gets 503 with Retry-After instead of queueing, so a flood of logins
 * cannot take every core and request thread from everybody else's API calls.
 */
@Component
public class PasswordHasher {
    private static final long WAIT_MS = 200;
    private static final long RETRY_AFTER_SECONDS = 1;

    private final PasswordEncoder encoder;
    private final Semaphore permits;
    private final Counter refused;
    /** Compared against when the user does not exist, so a wrong name costs as long as a wrong password. */
    private final String decoyHash;

    public PasswordHasher(PasswordEncoder encoder, TrackerProperties properties, MeterRegistry meters) {
        this.encoder = encoder;
        this.permits = new Semaphore(properties.passwordHashConcurrency());
        this.refused = Counter.builder("p2p.tracker.password.hashes.refused")
                .description("logins and registrations answered 503 because every password hash slot was busy")
                .register(meters);
        this.decoyHash = encoder.encode(Long.toHexString(System.nanoTime()));
    }

    public String encode(String password) {
        return gated(() -> encoder.encode(password));
    }

    /** Whether {@code password} is the one {@code hash} was made of; a null hash (no such user) never matches. */
    public boolean matches(String password, String hash) {
        boolean matches = gated(() -> encoder.matches(password, hash == null ? decoyHash : hash));
        return matches && hash != null;
    }

    private <T> T gated(Supplier<T> work) {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            refused.increment();
            throw ApiProblem.withRetryAfter(HttpStatus.SERVICE_UNAVAILABLE,
                    "the tracker is busy checking passwords; try again in " + RETRY_AFTER_SECONDS + " s", RETRY_AFTER_SECONDS);
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
