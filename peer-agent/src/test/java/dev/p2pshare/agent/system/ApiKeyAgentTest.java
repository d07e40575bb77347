package dev.p2pshare.agent.system;

import dev.p2pshare.agent.RealTracker;
import dev.p2pshare.agent.TestAgent;
import dev.p2pshare.agent.TrackerApi;
import dev.p2pshare.agent.TrackerProcess;
import dev.p2pshare.agent.chunk.ManifestHasher;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadRequest;
import dev.p2pshare.shared.control.ShareRequest;
import dev.p2pshare.shared.tracker.CreateApiKey;
import dev.p2pshare.shared.tracker.NewApiKey;
import dev.p2pshare.shared.tracker.PeerHolding;
import dev.p2pshare.shared.tracker.SessionToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Agents whose session.json holds an API key instead of a session token (what {@code P2P_API_KEY=... p2p login}
 * writes), against the real tracker: a headless seeder with a read-write key, a reader with a read-only key.
 */
@ExtendWith(RealTracker.class)
class ApiKeyAgentTest {

    @Test
    void aReadOnlyKeyForOneGroupDownloadsThereButSharesNothingSeesNoOtherGroupAndStopsWhenRevoked(
            TrackerProcess trackerProcess, @TempDir Path dir) throws Exception {
        TrackerApi tracker = new TrackerApi(trackerProcess.url());
        SessionToken alice = tracker.newUser("key-alice");
        SessionToken bob = tracker.newUser("key-bob");
        tracker.createGroup(alice, "key-photos");
        tracker.createGroup(alice, "key-other");
        tracker.join(bob, "key-photos");
        tracker.join(bob, "key-other");
        Path photo = randomFile(dir.resolve("photo.bin"), 700_000);
        Path secret = randomFile(dir.resolve("secret.bin"), 1000);
        tracker.registerFile(alice, "key-other", ManifestHasher.hash(secret, "secret.bin", done -> { }));
        NewApiKey seederKey = tracker.createApiKey(alice, new CreateApiKey("nas", List.of("key-photos"), false, null, "P1D"));
        NewApiKey readerKey = tracker.createApiKey(bob, new CreateApiKey("backup", List.of("key-photos"), true, null, "P1D"));
        Path downloads = Files.createDirectories(dir.resolve("downloads"));

        try (TestAgent seeder = TestAgent.start(dir.resolve("alice/.p2p"), "key-alice", bearer(seederKey), tracker.url());
             TestAgent reader = TestAgent.start(dir.resolve("bob/.p2p"), "key-bob", bearer(readerKey), tracker.url())) {
            seeder.share(photo, "key-photos"); // a headless machine seeds with its read-write key
            DownloadInfo started = reader.download("key-photos", "photo.bin", downloads);
            reader.awaitComplete(started.id(), Duration.ofSeconds(60));
            assertThat(Files.mismatch(photo, downloads.resolve("photo.bin"))).isEqualTo(-1L);

            // Having downloaded, the agent would seed: the tracker refuses, the agent carries on without sharing.
            await("the refused seeding is given up").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> reader.status().shares(), shares -> shares == null || shares.isEmpty());
            assertThat(tracker.details(alice, "key-photos", "photo.bin").peers()).extracting(PeerHolding::username)
                    .doesNotContain("key-bob");

            TestAgent.Reply share = reader.control("POST", "/control/shares",
                    new ShareRequest(downloads.resolve("photo.bin").toString(), "key-photos"));
            assertThat(share.status()).as(share.text()).isEqualTo(403);
            assertThat(share.text()).contains("this API key is read-only");

            TestAgent.Reply other = reader.control("POST", "/control/downloads",
                    new DownloadRequest("key-other", "secret.bin", downloads.toString(), null, null));
            assertThat(other.status()).as(other.text()).isEqualTo(403);
            assertThat(other.text()).contains("this API key is limited to the groups key-photos");

            tracker.revokeApiKey(bob, "backup");
            TestAgent.Reply revoked = reader.control("POST", "/control/downloads",
                    new DownloadRequest("key-photos", "photo.bin", Files.createDirectories(dir.resolve("again")).toString(),
                            null, null));
            assertThat(revoked.status()).as(revoked.text()).isEqualTo(401);
            assertThat(reader.status().username()).as("the agent still answers").isEqualTo("key-bob");
        }

        String logs = logs(trackerProcess.log(), dir);
        assertThat(logs).contains("api key created: backup of key-bob").contains("agent ready for key-bob");
        for (NewApiKey key : List.of(seederKey, readerKey)) {
            assertThat(logs).doesNotContain(key.key().substring(key.key().indexOf('_', NewApiKey.PREFIX.length()) + 1));
        }
    }

    /** The key as the bearer the agent reads from session.json. */
    private static SessionToken bearer(NewApiKey key) {
        return new SessionToken(key.key(), key.info().expiresAt());
    }

    /** The tracker's log and every agent log under {@code dir}, as one text. */
    private static String logs(Path trackerLog, Path dir) throws Exception {
        StringBuilder text = new StringBuilder(Files.readString(trackerLog));
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path log : files.filter(f -> f.getFileName().toString().startsWith("agent.log")).toList()) {
                text.append(Files.readString(log));
            }
        }
        return text.toString();
    }

    private static Path randomFile(Path path, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(path, bytes);
    }
}
