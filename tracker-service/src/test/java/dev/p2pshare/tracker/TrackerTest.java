package dev.p2pshare.tracker;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Base of the tracker's HTTP tests: one real tracker on a random port and a fresh database, shared by
 * every subclass (each test makes its own uniquely named users and groups).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "p2p.tracker.password-hash-memory=1MB",
        "p2p.tracker.max-request-size=1MB",
        // Every test calls from 127.0.0.1: the per-address limits are tested on trackers of their own.
        "p2p.tracker.auth-requests-per-minute=1000000",
        "p2p.tracker.login-max-failures-per-address=1000000",
        "logging.level.root=WARN"})
@ActiveProfiles(resolver = TestDatabase.class)
public abstract class TrackerTest {
    @LocalServerPort
    protected int port;

    @BeforeAll
    static void requireDatabase() {
        assumeTrue(TestDatabase.available(), "PostgreSQL at 127.0.0.1:5432 is not reachable");
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.fresh().forEach((key, value) -> registry.add(key, () -> value));
    }

    protected TrackerClient api() {
        return new TrackerClient(port);
    }
}
