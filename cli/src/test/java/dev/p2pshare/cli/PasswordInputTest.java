package dev.p2pshare.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Passwords off the command line: asked for on the terminal without echo, or read from stdin; the argument still works. */
class PasswordInputTest {
    private static final String CREATED = "{\"username\":\"alice\",\"createdAt\":\"2025-01-02T03:04:05Z\"}";

    @TempDir
    Path cwd;

    private StubTracker tracker;
    private final List<String> questions = new ArrayList<>();

    @BeforeEach
    void startTracker() throws Exception {
        tracker = new StubTracker()
                .answer("POST", "/api/users", 201, CREATED)
                .answer("POST", "/api/sessions", 401, "{\"status\":401,\"detail\":\"wrong user name or password\"}");
    }

    @AfterEach
    void stopTracker() {
        tracker.close();
    }

    /** A terminal where the person types {@code answers} in turn. */
    private PasswordInput terminal(String... answers) {
        Deque<String> typed = new ArrayDeque<>(List.of(answers));
        return new PasswordInput(question -> {
            questions.add(question);
            return typed.isEmpty() ? null : typed.pop().toCharArray();
        }, InputStream.nullInputStream());
    }

    private static PasswordInput stdin(String text) {
        return new PasswordInput(null, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private CliRun p2p(PasswordInput passwords, String... args) throws Exception {
        return p2p(false, passwords, args);
    }

    /** @param terminal as if a person ran it at a terminal */
    private CliRun p2p(boolean terminal, PasswordInput passwords, String... args) throws Exception {
        // login checks for the agent jar before logging in; any file will do, as these logins are refused
        Path jar = Files.writeString(cwd.resolve("agent.jar"), "");
        return CliRun.run(cwd, Map.of("P2P_TRACKER", tracker.url(), "P2P_AGENT_JAR", jar.toString()), passwords, terminal, args);
    }

    @Test
    void createUserWithoutAPasswordAsksForItTwiceOnTheTerminal() throws Exception {
        CliRun run = p2p(terminal("typed-secret", "typed-secret"), "create_user", "alice");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(questions).containsExactly("New password for alice: ", "Repeat the password: ");
        assertThat(tracker.requests()).containsExactly("POST /api/users {\"username\":\"alice\",\"password\":\"typed-secret\"}");
        assertThat(run.out()).contains("Created user alice; now run `p2p login alice`");
    }

    @Test
    void createUserCreatesNothingWhenTheTwoTypedPasswordsDiffer() throws Exception {
        CliRun run = p2p(terminal("typed-secret", "typo-secret"), "create_user", "alice");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.errLines()).containsExactly("p2p: the two passwords differ; nothing was changed");
        assertThat(tracker.requests()).isEmpty();
    }

    @Test
    void loginWithoutAPasswordAsksForItOnceOnTheTerminal() throws Exception {
        CliRun run = p2p(terminal("typed-secret"), "login", "alice");

        assertThat(questions).containsExactly("Password for alice: ");
        assertThat(tracker.requests()).containsExactly("POST /api/sessions {\"username\":\"alice\",\"password\":\"typed-secret\"}");
        assertThat(run.errLines()).containsExactly("p2p: wrong user name or password");
        assertThat(cwd.resolve(".p2p")).as("a refused login leaves no session folder").doesNotExist();
    }

    @Test
    void atATerminalLoginSaysWhatItWaitsFor() throws Exception {
        CliRun run = p2p(true, terminal("typed-secret"), "login", "alice");

        assertThat(run.errLines()).containsExactly("p2p: logging in to " + tracker.url() + "...", "p2p: wrong user name or password");
    }

    @Test
    void passwordStdinReadsTheFirstLineOnly() throws Exception {
        CliRun login = p2p(stdin("piped secret\r\nsecond line\n"), "login", "alice", "--password-stdin");
        CliRun create = p2p(stdin("piped-secret"), "create-user", "--password-stdin", "alice");

        assertThat(login.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(tracker.requests()).containsExactly(
                "POST /api/sessions {\"username\":\"alice\",\"password\":\"piped secret\"}",
                "POST /api/users {\"username\":\"alice\",\"password\":\"piped-secret\"}");
        assertThat(questions).isEmpty();
    }

    @Test
    void thePasswordAsAnArgumentStillWorks() throws Exception {
        CliRun run = p2p(terminal(), "create_user", "alice", "argument-secret");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(questions).isEmpty();
        assertThat(tracker.requests()).containsExactly("POST /api/users {\"username\":\"alice\",\"password\":\"argument-secret\"}");
    }

    @Test
    void withNoPasswordNoTerminalAndNoStdinItSaysHowOnOneLine() throws Exception {
        for (String command : List.of("login", "create_user")) {
            CliRun run = p2p(stdin(""), command, "alice");

            assertThat(run.exitCode()).as(command).isEqualTo(ExitCodes.USAGE);
            assertThat(run.errLines()).as(command).containsExactly("p2p: no password given and no terminal to ask for it on; "
                    + "pipe it in with `p2p " + command + " alice --password-stdin`");
        }
        CliRun empty = p2p(stdin(""), "login", "alice", "--password-stdin");
        assertThat(empty.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(empty.errLines()).containsExactly("p2p: --password-stdin: standard input held no password");
        assertThat(tracker.requests()).isEmpty();
    }

    @Test
    void aPasswordBothAsArgumentAndOnStdinIsAUsageError() throws Exception {
        CliRun run = p2p(stdin("piped\n"), "login", "alice", "secret", "--password-stdin");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString().contains("either as an argument or with --password-stdin");
        assertThat(tracker.requests()).isEmpty();
    }
}
