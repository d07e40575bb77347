package dev.p2pshare.cli;

import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.SessionFiles;
import dev.p2pshare.shared.control.SessionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real processes: the tracker as bin/tracker runs it, and the agent a login starts. Logging in again while the
 * agent runs changes nothing at the tracker.
 */
class ReloginTest {
    @TempDir
    static Path dir;

    private static RealProcesses processes;
    private static RealTracker tracker;

    @BeforeAll
    static void startTracker() throws Exception {
        processes = RealProcesses.start(dir.resolve("tracker"));
        tracker = processes.tracker();
    }

    @AfterAll
    static void stopTracker() throws Exception {
        if (processes != null) processes.close();
    }

    private CliRun p2p(Path cwd, String... args) {
        return processes.p2p(cwd, args);
    }

    private CliRun ok(Path cwd, String... args) {
        return processes.ok(cwd, args);
    }

    private int seeders(Path cwd) {
        String files = ok(cwd, "list_files", "photos", "--json").out();
        assertThat(files).contains("\"name\":\"cat.jpg\"");
        return Integer.parseInt(files.replaceAll("(?s).*\"seeders\":(\\d+).*", "$1"));
    }

    @Test
    void theTrackerPrintsOnlyItsReadyLineOnTheConsole() {
        assertThat(tracker.console()).containsExactly("tracker ready at " + tracker.url() + " (Swagger UI: " + tracker.url()
                + "/swagger-ui.html)");
        assertThat(dir.resolve("tracker/tracker-data/tracker.log")).content().contains("Started TrackerApplication");
    }

    @Test
    void loggingInAgainWhileTheAgentRunsKeepsTheSessionAndTheShares() throws Exception {
        Path alice = Files.createDirectories(dir.resolve("alice"));
        Path home = alice.resolve(".p2p");
        ok(alice, "create_user", "alice", "alice-pw");
        ok(alice, "login", "alice", "alice-pw");
        long pid = new Json().read(Files.readString(home.resolve(SessionFiles.ENDPOINT)), AgentEndpoint.class, "agent.json").pid();
        try {
            ok(alice, "create_group", "photos");
            Files.write(alice.resolve("cat.jpg"), new byte[700_000]);
            ok(alice, "upload_file", "cat.jpg", "photos");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seeders(alice) != 1 && System.nanoTime() < deadline) Thread.sleep(200);
            assertThat(seeders(alice)).as("alice's agent seeds cat.jpg").isEqualTo(1);
            String firstToken = new Json().read(Files.readString(home.resolve(SessionFiles.SESSION)), SessionInfo.class, "session").token();

            CliRun again = ok(alice, "login", "alice", "alice-pw");
            CliRun wrong = p2p(alice, "login", "alice", "not-her-password");
            ok(alice, "create_user", "bob", "bob-pw");
            CliRun bob = p2p(alice, "login", "bob", "bob-pw");

            assertThat(again.out()).startsWith("alice is already logged in here; agent running (pid " + pid + "), sharing 1 file");
            assertThat(wrong.exitCode()).isEqualTo(ExitCodes.REFUSED);
            assertThat(wrong.errLines()).containsExactly("p2p: wrong user name or password");
            assertThat(bob.exitCode()).isEqualTo(ExitCodes.REFUSED);
            assertThat(bob.errLines()).containsExactly("p2p: alice is logged in from " + home + "; run `p2p logout` first");
            assertThat(seeders(alice)).as("the tracker still sees alice's agent online").isEqualTo(1);
            assertThat(new Json().read(Files.readString(home.resolve(SessionFiles.SESSION)), SessionInfo.class, "session").token())
                    .isEqualTo(firstToken);
            HttpApi http = new HttpApi(false);
            assertThat(http.send("GET", URI.create(tracker.url() + "/api/users/me"), firstToken, null, HttpApi.REQUEST_TIMEOUT).status())
                    .as("the first session is still live").isEqualTo(200);
            http.close();
        } finally {
            p2p(alice, "logout");
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
        assertThat(home.resolve(SessionFolder.PASSWORD_CHECK)).as("logout forgets the password check").doesNotExist();
    }
}
