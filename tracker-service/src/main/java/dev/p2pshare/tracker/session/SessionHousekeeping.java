package dev.p2pshare.tracker.session;

import dev.p2pshare.tracker.system.TrackerProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Deletes rows nobody needs any more: dead sessions, login failures out of the window. Safe on every instance at once. */
@Component
class SessionHousekeeping {
    private static final Duration KEEP_REVOKED = Duration.ofHours(1);

    private final SessionRepository sessions;
    private final LoginFailureRepository failures;
    private final TrackerProperties properties;
    private final Clock clock;

    SessionHousekeeping(SessionRepository sessions, LoginFailureRepository failures, TrackerProperties properties, Clock clock) {
        this.sessions = sessions;
        this.failures = failures;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void purge() {
        Instant now = clock.instant();
        sessions.deleteDead(now, now.minus(KEEP_REVOKED));
        failures.deleteOlderThan(now.minus(properties.loginWindow()));
    }
}
