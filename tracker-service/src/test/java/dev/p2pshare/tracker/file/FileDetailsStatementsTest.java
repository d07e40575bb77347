package dev.p2pshare.tracker.file;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.tracker.TestDatabase;
import dev.p2pshare.tracker.TrackerClient;
import dev.p2pshare.tracker.TrackerClient.User;
import dev.p2pshare.tracker.TrackerInstance;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.ToLongFunction;

import static dev.p2pshare.tracker.TrackerClient.filePath;
import static dev.p2pshare.tracker.TrackerClient.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * File details are the download hot path (every running download asks every few seconds): the SQL statements
 * one request costs are counted, so that a change that adds one shows here. The count is the fewest over a few
 * requests, as the tracker's housekeeping may run a statement of its own during any one of them.
 */
class FileDetailsStatementsTest {
    private static final int TRIES = 5;

    @BeforeAll
    static void requireDatabase() {
        assumeTrue(TestDatabase.available(), "PostgreSQL at 127.0.0.1:5432 is not reachable");
    }

    @Test
    void fileDetailsCostOneStatementAfterAWriteAndNoneUntilThenAndNoTransaction() {
        try (TrackerInstance tracker = TrackerInstance.start(TestDatabase.fresh(),
                "spring.jpa.properties.hibernate.generate_statistics=true")) {
            TrackerClient api = tracker.client();
            User alice = api.newUser();
            User bob = api.newUser();
            Manifest file = manifest("popular.iso", 200L * Manifest.CHUNK_SIZE);
            String group = api.groupSharing(alice, false, file);
            api.announce(alice);
            String refresh = filePath(group, file.name()) + "?manifest=false";
            api.details(bob, group, file.name()); // signs the grant and records it in the activity record
            Statistics statistics = tracker.bean(EntityManagerFactory.class).unwrap(SessionFactory.class).getStatistics();

            // Read once: the session, and the group with the caller's membership, the file and its online holders in
            // one statement (the manifest is read once per file); until a write on this instance (here alice's
            // heartbeat) none at all. Never a transaction: its COMMIT would be a round trip of its own on PostgreSQL.
            Runnable full = () -> api.details(bob, group, file.name());
            Runnable refreshed = () -> assertThat(api.get(refresh, bob.token()).status()).isEqualTo(200);
            for (Runnable request : List.of(full, refreshed)) {
                Runnable afterAWrite = () -> {
                    api.announce(alice);
                    statistics.clear();
                    request.run();
                };
                assertThat(fewest(statistics, afterAWrite, Statistics::getPrepareStatementCount)).as("statements").isEqualTo(1);
                assertThat(fewest(statistics, afterAWrite, Statistics::getTransactionCount)).as("transactions").isZero();
                assertThat(fewest(statistics, request, Statistics::getPrepareStatementCount)).as("statements, cached").isZero();
            }
        }
    }

    private static long fewest(Statistics statistics, Runnable request, ToLongFunction<Statistics> count) {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < TRIES; i++) {
            statistics.clear();
            request.run();
            fewest = Math.min(fewest, count.applyAsLong(statistics));
        }
        return fewest;
    }
}
