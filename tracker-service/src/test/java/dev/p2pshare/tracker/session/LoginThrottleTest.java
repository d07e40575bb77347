package dev.p2pshare.tracker.session;

import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.tracker.TestDatabase;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.Response;
import dev.p2pshare.tracker.TrackerInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;

import static dev.p2pshare.tracker.TrackerClient.PASSWORD;
import static dev.p2pshare.tracker.TrackerClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Failed logins are counted per (name, address) and per address, never per name alone: clients play
 * different addresses by connecting from different loopback addresses (127.0.0.x).
 */
class LoginThrottleTest {
    private static TrackerInstance tracker;
    private static TrackerClient api;

    @BeforeAll
    static void startTracker() {
        assumeTrue(TestDatabase.available(), "PostgreSQL at 127.0.0.1:5432 is not reachable");
        tracker = TrackerInstance.start(TestDatabase.fresh(),
                "p2p.tracker.login-max-failures=3", "p2p.tracker.login-max-failures-per-address=8");
    }

    @AfterAll
    static void stopTracker() {
        if (tracker != null) tracker.close();
    }

    @Test
    void aGuesserElsewhereCannotLockTheUserOut() throws IOException {
        api = tracker.client();
        String alice = register();
        InetAddress guesser = InetAddress.getByName("127.0.0.2");
        for (int i = 0; i < 3; i++) {
            assertThat(api.postFrom(guesser, "/api/sessions", new Credentials(alice, "wrong-" + i)).status()).isEqualTo(401);
        }
        Response throttled = api.postFrom(guesser, "/api/sessions", new Credentials(alice, PASSWORD));
        assertThat(throttled.problem(429)).contains("too many");
        assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 61L);

        // The real user, from her own address, logs in all the same.
        Response own = api.postFrom(InetAddress.getByName("127.0.0.3"), "/api/sessions", new Credentials(alice, PASSWORD));
        assertThat(own.status()).as(own.body()).isEqualTo(201);
        // The name's case does not give the guesser fresh tries.
        assertThat(api.postFrom(guesser, "/api/sessions", new Credentials(alice.toUpperCase(), PASSWORD)).problem(429))
                .contains("too many");
    }

    @Test
    void aGuesserSprayingManyNamesIsSlowedToo() throws IOException {
        api = tracker.client();
        InetAddress sprayer = InetAddress.getByName("127.0.0.4");
        for (int i = 0; i < 8; i++) {
            Response guess = api.postFrom(sprayer, "/api/sessions", new Credentials(uniqueName("victim"), "guess-" + i));
            assertThat(guess.status()).as(guess.body()).isEqualTo(401);
        }
        Response throttled = api.postFrom(sprayer, "/api/sessions", new Credentials(uniqueName("victim"), "guess"));
        assertThat(throttled.problem(429)).contains("too many");
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        // Even a right password from that address waits, but nobody else does.
        String bob = register();
        assertThat(api.postFrom(sprayer, "/api/sessions", new Credentials(bob, PASSWORD)).status()).isEqualTo(429);
        assertThat(api.postFrom(InetAddress.getByName("127.0.0.5"), "/api/sessions", new Credentials(bob, PASSWORD))
                .status()).isEqualTo(201);
    }

    private static String register() {
        String name = uniqueName("user");
        assertThat(api.post("/api/users", null, new Credentials(name, PASSWORD)).status()).isEqualTo(201);
        return name;
    }
}
