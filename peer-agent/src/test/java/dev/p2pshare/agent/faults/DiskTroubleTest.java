package dev.p2pshare.agent.faults;

import dev.p2pshare.agent.RealTracker;
import dev.p2pshare.agent.TestAgent;
import dev.p2pshare.agent.TrackerApi;
import dev.p2pshare.agent.TrackerProcess;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadRequest;
import dev.p2pshare.shared.control.DownloadState;
import dev.p2pshare.shared.tracker.SessionToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Downloads into a folder that cannot be written, and onto a full (size-limited tmpfs) disk. */
@ExtendWith(RealTracker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiskTroubleTest {
    private static final String GROUP = "disk";
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private Path dir;
    private TestAgent seeder;
    private TestAgent leecher;

    @BeforeAll
    void start(TrackerProcess trackerProcess, @TempDir Path tempDir) {
        dir = tempDir;
        TrackerApi tracker = new TrackerApi(trackerProcess.url());
        SessionToken owner = tracker.newUser("disk-alice");
        tracker.createGroup(owner, GROUP);
        SessionToken member = tracker.newUser("disk-bob");
        tracker.join(member, GROUP);
        seeder = TestAgent.start(dir.resolve("alice/.p2p"), "disk-alice", owner, tracker.url());
        leecher = TestAgent.start(dir.resolve("bob/.p2p"), "disk-bob", member, tracker.url());
    }

    @AfterAll
    void stop() {
        if (leecher != null) leecher.close();
        if (seeder != null) seeder.close();
    }

    private Path shared(String name, int chunks) throws Exception {
        byte[] bytes = new byte[chunks * Manifest.CHUNK_SIZE - 123];
        new Random(name.hashCode()).nextBytes(bytes);
        Path file = Files.write(Files.createDirectories(dir.resolve("originals")).resolve(name), bytes);
        seeder.share(file, GROUP);
        return file;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static void assertOneLine(String error) {
        assertThat(error).isNotBlank().doesNotContain("\n").doesNotContain("Exception").hasSizeLessThan(300);
    }

    /** A folder this process cannot write: mode 0555, or (root ignores modes) /proc. */
    private Path unwritableFolder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("read-only"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Files.delete(Files.createFile(folder.resolve("probe")));
            return Path.of("/proc");
        } catch (java.io.IOException refused) {
            return folder;
        }
    }

    @Test
    void unwritableDestinationFailsWithAClearError() throws Exception {
        shared("locked.bin", 4);
        Path folder = unwritableFolder();
        TestAgent.Reply reply = leecher.control("POST", "/control/downloads",
                new DownloadRequest(GROUP, "locked.bin", folder.toString(), null, null));
        String error;
        if (reply.status() >= 400) {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.contentType()).contains("problem+json");
            error = TrackerApi.JSON.readTree(reply.body()).path("detail").asString();
        } else {
            DownloadInfo started = reply.as(DownloadInfo.class);
            DownloadInfo failed = leecher.awaitDownload(started.id(), LIMIT,
                    d -> d.state() == DownloadState.FAILED || d.state() == DownloadState.COMPLETE);
            assertThat(failed.state()).isEqualTo(DownloadState.FAILED);
            error = failed.error();
        }
        assertOneLine(error);
        assertThat(Files.exists(folder.resolve("locked.bin"))).isFalse();
        assertThat(Files.exists(folder.resolve("locked.bin.part"))).isFalse();
    }

    @Test
    void fullDiskKeepsThePartAndResumesWhenSpaceReturns() throws Exception {
        Path mountPoint = Files.createDirectories(dir.resolve("small-disk"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint.toString()) == 0,
                "cannot mount a 2 MiB tmpfs here (needs root)");
        try {
            Path original = shared("big.bin", 8); // 4 MiB onto a 2 MiB disk
            DownloadInfo started = leecher.download(GROUP, "big.bin", mountPoint);
            DownloadInfo failed = leecher.awaitDownload(started.id(), LIMIT,
                    d -> d.state() == DownloadState.FAILED || d.state() == DownloadState.COMPLETE);
            assertThat(failed.state()).isEqualTo(DownloadState.FAILED);
            assertOneLine(failed.error());
            assertThat(Files.exists(mountPoint.resolve("big.bin.part"))).as(".part kept").isTrue();
            assertThat(Files.exists(mountPoint.resolve("big.bin"))).isFalse();

            assertThat(run("mount", "-o", "remount,size=16m", mountPoint.toString())).isZero();
            DownloadInfo again = leecher.download(GROUP, "big.bin", mountPoint);
            assertThat(again.id()).isEqualTo(started.id());
            DownloadInfo done = leecher.awaitComplete(again.id(), LIMIT);
            assertThat(done.sha256()).isEqualTo(sha256(original));
            assertThat(sha256(mountPoint.resolve("big.bin"))).isEqualTo(sha256(original));
            assertThat(Files.exists(mountPoint.resolve("big.bin.part"))).isFalse();
        } finally {
            run("umount", "-l", mountPoint.toString());
        }
    }

    private static int run(String... command) throws Exception {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (java.io.IOException noSuchCommand) {
            return -1;
        }
    }
}
