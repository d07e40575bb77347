package dev.p2pshare.tracker.user;

import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.tracker.TestDatabase;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.Response;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerInstance;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.p2pshare.tracker.TrackerClient.PASSWORD;
import static dev.p2pshare.tracker.TrackerClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Password hashing is rationed: per address over time, and over everybody at once. */
class PasswordWorkLimitTest {

    @Test
    void oneAddressMakesAtMostTheAllowedLoginsAndRegistrationsAMinute() throws Exception {
        assumeTrue(TestDatabase.available(), "PostgreSQL at 127.0.0.1:5432 is not reachable");
        try (TrackerInstance tracker = TrackerInstance.start(TestDatabase.fresh(), "p2p.tracker.auth-requests-per-minute=4")) {
            TrackerClient api = tracker.client();
            InetAddress busy = InetAddress.getByName("127.0.0.6");
            String name = uniqueName("rate");
            assertThat(api.postFrom(busy, "/api/users", new Credentials(name, PASSWORD)).status()).isEqualTo(201);
            for (int i = 0; i < 3; i++) {
                assertThat(api.postFrom(busy, "/api/sessions", new Credentials(name, PASSWORD)).status()).isEqualTo(201);
            }
            Response limited = api.postFrom(busy, "/api/users", new Credentials(uniqueName("rate"), PASSWORD));
            assertThat(limited.problem(429)).contains("too many");
            assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 16L);
            assertThat(api.postFrom(busy, "/api/sessions", new Credentials(name, PASSWORD)).status()).isEqualTo(429);
            // Malformed requests cost no hash and are answered as such.
            assertThat(api.postFrom(busy, "/api/sessions", "{}").problem(400)).contains("name");
            // Other addresses are not affected.
            assertThat(api.postFrom(InetAddress.getByName("127.0.0.7"), "/api/sessions", new Credentials(name, PASSWORD))
                    .status()).isEqualTo(201);
        }
    }

    /**
     * 24 clients logging in as fast as they can (the default 16 MB Argon2) with one hash slot: most of them get
     * 503 with Retry-After, and a member's API calls meanwhile stay fast (without the slot, 20 logins in
     * flight took GET /api/groups from 16 ms to 1.9 s on an idle machine).
     */
    @Test
    void aFloodOfLoginsDoesNotSlowEverybodyElse() throws Exception {
        assumeTrue(TestDatabase.available(), "PostgreSQL at 127.0.0.1:5432 is not reachable");
        try (TrackerInstance tracker = TrackerInstance.start(TestDatabase.fresh(),
                "p2p.tracker.password-hash-memory=16MB", "p2p.tracker.password-hash-concurrency=1")) {
            TrackerClient api = tracker.client();
            User member = api.newUser();
            String victim = uniqueName("flood");
            assertThat(api.post("/api/users", null, new Credentials(victim, PASSWORD)).status()).isEqualTo(201);
            assertThat(api.get("/api/groups", member.token()).status()).isEqualTo(200); // warm up the query
            Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
            AtomicInteger missingRetryAfter = new AtomicInteger();
            AtomicBoolean measured = new AtomicBoolean();
            long floodEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // a bound, in case measuring hangs
            ExecutorService flood = Executors.newFixedThreadPool(24);
            for (int t = 0; t < 24; t++) {
                flood.submit(() -> {
                    while (!measured.get() && System.nanoTime() < floodEnds) {
                        Response r = api.post("/api/sessions", null, new Credentials(victim, PASSWORD));
                        answers.computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
                        if (r.status() == 503 && r.headers().firstValue("Retry-After").isEmpty()) missingRetryAfter.incrementAndGet();
                    }
                    return null;
                });
            }
            Thread.sleep(500); // let the flood fill the gate
            List<Long> millis = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    long start = System.nanoTime();
                    assertThat(api.get("/api/groups", member.token()).status()).isEqualTo(200);
                    millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                    Thread.sleep(100);
                }
            } finally {
                measured.set(true);
            }
            flood.shutdown();
            assertThat(flood.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            assertThat(answers).as("answers to the flood").containsKey(503);
            // 429: attempts in flight count as failures of (name, address) until they succeed.
            assertThat(answers.keySet()).as("answers to the flood").allMatch(s -> s == 201 || s == 429 || s == 503);
            assertThat(missingRetryAfter).hasValue(0);
            Collections.sort(millis);
            // The median, not the maximum: the machine running the tests may be busy with other work too.
            long median = millis.get(millis.size() / 2);
            assertThat(median).as("median of GET /api/groups during the flood, ms: " + millis).isLessThan(1_000);
        }
    }
}
