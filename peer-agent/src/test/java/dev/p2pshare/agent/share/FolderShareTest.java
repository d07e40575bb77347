package dev.p2pshare.agent.share;

import dev.p2pshare.agent.RealTracker;
import dev.p2pshare.agent.TestAgent;
import dev.p2pshare.agent.TestGroup;
import dev.p2pshare.agent.TrackerProcess;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.ShareInfo;
import dev.p2pshare.shared.control.ShareRequest;
import dev.p2pshare.shared.control.SkippedPath;
import dev.p2pshare.shared.control.StoppedShare;
import dev.p2pshare.shared.tracker.FileDetails;
import dev.p2pshare.shared.tracker.SessionToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Folder shares against the real tracker: what is shared and skipped, chunks served, changes, limits, restarts. */
@ExtendWith(RealTracker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FolderShareTest {
    private TestGroup group;
    private SessionToken bob;
    private TestAgent alice;
    private Path dir;

    @BeforeAll
    void start(TrackerProcess tracker, @TempDir Path tempDir) {
        dir = tempDir;
        group = new TestGroup(tracker, dir, "folders");
        SessionToken aliceToken = group.owner("folder-alice");
        bob = group.member("folder-bob");
        alice = group.agent("folder-alice", aliceToken);
    }

    @AfterAll
    void stop() {
        if (group != null) group.close();
    }

    /** A tree with a file larger than a chunk among many small ones, an empty file and folders, unicode and spaces. */
    private static byte[] writeAlbum(Path root, long seed) throws IOException {
        Random random = new Random(seed);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        byte[] big = new byte[Manifest.CHUNK_SIZE + 4321];
        random.nextBytes(big);
        Files.createDirectories(root.resolve("empty folder/inner"));
        Files.write(Files.createDirectories(root.resolve("a big one")).resolve("große Datei.bin"), big);
        stream.write(big);
        Path small = Files.createDirectories(root.resolve("small files"));
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[1 + random.nextInt(3000)];
            random.nextBytes(bytes);
            Files.write(small.resolve(String.format("photo %03d.jpg", i)), bytes);
            stream.write(bytes);
        }
        Files.createFile(root.resolve("zero.txt"));
        return stream.toByteArray();
    }

    private TestAgent.Reply getChunk(ShareInfo shared, int index, String grant) {
        return TestAgent.call(alice.endpoint().chunkUrl(), "GET", "/chunks/" + shared.sha256() + "/" + index, null,
                "Bearer " + grant);
    }

    private FileDetails details(String name) {
        return group.tracker().details(bob, group.name(), name);
    }

    @Test
    void aFolderIsSharedWithItsCountsAndItsLinksAndFifosNamedAsSkipped() throws Exception {
        Path root = dir.resolve("album");
        writeAlbum(root, 1);
        Files.createSymbolicLink(root.resolve("passwords"), Files.writeString(dir.resolve("secret.txt"), "secret"));
        assertThat(new ProcessBuilder("mkfifo", root.resolve("small files/pipe").toString()).start()
                .waitFor(10, TimeUnit.SECONDS)).isTrue();

        ShareInfo shared = alice.share(root, group.name());

        assertThat(shared.folder()).isTrue();
        assertThat(shared.name()).isEqualTo("album");
        assertThat(shared.files()).isEqualTo(302);
        assertThat(shared.emptyFolders()).isEqualTo(1);
        assertThat(shared.skipped()).containsExactly(new SkippedPath("passwords", "symbolic link"),
                new SkippedPath("small files/pipe", "fifo"));
        assertThat(alice.status().shares()).filteredOn(s -> s.name().equals("album")).singleElement()
                .satisfies(s -> assertThat(s.files()).isEqualTo(302));
        Manifest manifest = details("album").manifest();
        assertThat(manifest.sha256()).isEqualTo(shared.sha256());
        assertThat(manifest.chunkCount()).isEqualTo(shared.chunkCount());
    }

    @Test
    void aChunkServedFromAFolderShareIsThoseBytesOfTheStream() throws Exception {
        Path root = dir.resolve("served");
        byte[] stream = writeAlbum(root, 2);
        ShareInfo shared = alice.share(root, group.name());
        String grant = details("served").grant();
        for (int chunk = 0; chunk < shared.chunkCount(); chunk++) {
            TestAgent.Reply reply = getChunk(shared, chunk, grant);
            assertThat(reply.status()).isEqualTo(200);
            int from = chunk * Manifest.CHUNK_SIZE;
            assertThat(reply.body()).isEqualTo(Arrays.copyOfRange(stream, from, Math.min(stream.length, from + Manifest.CHUNK_SIZE)));
        }
    }

    @Test
    void aFileChangedAfterSharingStopsTheShareAndStatusNamesIt() throws Exception {
        Path root = dir.resolve("changing");
        writeAlbum(root, 3);
        ShareInfo shared = alice.share(root, group.name());
        String grant = details("changing").grant();
        Path last = root.resolve("small files/photo 299.jpg");
        Files.write(last, "another picture".getBytes());
        Files.setLastModifiedTime(last, FileTime.fromMillis(System.currentTimeMillis() + 60_000));

        TestAgent.Reply reply = getChunk(shared, shared.chunkCount() - 1, grant);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(alice.status().shares()).extracting(ShareInfo::name).doesNotContain("changing");
        assertThat(alice.status().stopped()).filteredOn(s -> s.name().equals("changing")).singleElement()
                .extracting(StoppedShare::reason).isEqualTo("small files/photo 299.jpg changed on disk");
        await("the tracker is told").atMost(Duration.ofSeconds(10))
                .until(() -> group.tracker().detailsStatus(bob, group.name(), "changing") == 404);
    }

    @Test
    void aFileReplacedByALinkAfterSharingLeaksNothing() throws Exception {
        Path root = dir.resolve("swapped");
        writeAlbum(root, 4);
        ShareInfo shared = alice.share(root, group.name());
        String grant = details("swapped").grant();
        Path outside = Files.write(dir.resolve("outside.bin"), new byte[Manifest.CHUNK_SIZE + 4321]);
        Path big = root.resolve("a big one/große Datei.bin");
        Files.delete(big);
        Files.createSymbolicLink(big, outside);

        TestAgent.Reply reply = getChunk(shared, 0, grant);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(alice.status().stopped()).filteredOn(s -> s.name().equals("swapped")).singleElement()
                .extracting(StoppedShare::reason).asString().startsWith("a big one/große Datei.bin");
    }

    @Test
    void aFolderPastALimitIsRefusedBeforeHashingNamingThePathAndTheSetting(TrackerProcess tracker) throws Exception {
        Path root = dir.resolve("too deep");
        Files.createDirectories(root.resolve("a/b/c/d"));
        Files.writeString(root.resolve("a/b/c/d/e.txt"), "five deep");
        TestAgent limited = group.memberAgent("folder-limited",
                "--p2p.agent.folder-limits.max-depth=4");

        TestAgent.Reply reply = limited.control("POST", "/control/shares", new ShareRequest(root.toString(), group.name()));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).contains("'a/b/c/d/e.txt'").contains("p2p.agent.folder-limits.max-depth")
                .doesNotContain("\\n");
        assertThat(limited.status().hashing()).isEmpty();
        assertThat(group.tracker().detailsStatus(bob, group.name(), "too deep")).isEqualTo(404);
    }

    @Test
    void aFolderShareSurvivesARestartAndStopSharingEndsIt() throws Exception {
        Path root = dir.resolve("kept");
        writeAlbum(root, 5);
        SessionToken carol = group.member("folder-carol");
        TestAgent agent = group.agent("folder-carol", carol);
        ShareInfo shared = agent.share(root, group.name());
        assertThat(agent.share(root, group.name())).as("unchanged: not hashed again").isEqualTo(shared);

        agent = group.restart(agent);
        assertThat(agent.status().shares()).singleElement().satisfies(s -> {
            assertThat(s.sha256()).isEqualTo(shared.sha256());
            assertThat(s.files()).isEqualTo(302);
        });
        agent.control("DELETE", "/control/shares/" + group.name() + "/kept", null).expect(204);
        assertThat(agent.status().shares()).isEmpty();
    }
}
