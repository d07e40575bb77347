package dev.p2pshare.cli;

import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.SessionFiles;
import dev.p2pshare.shared.control.SessionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code p2p api_key ...} and {@code P2P_API_KEY=... p2p login}, against a stand-in tracker. */
class ApiKeyCommandTest {
    private static final String KEY = "p2pk_7_" + "s".repeat(43);
    private static final String KEYS = "/api/users/me/api-keys";

    @TempDir
    Path cwd;

    @Test
    void createPrintsTheKeyOnceWithAWarningAndAsksForTheScopeGiven() throws Exception {
        try (StubTracker tracker = loggedIn()) {
            tracker.answer("POST", KEYS, 201, "{\"key\":\"" + KEY + "\",\"info\":{\"name\":\"backup\",\"groups\":[\"photos\","
                    + "\"docs\"],\"readOnly\":true,\"createdAt\":\"2026-01-01T00:00:00Z\",\"expiresAt\":\"2026-04-01T00:00:00Z\"}}");
            CliRun run = p2p(tracker, "api_key", "create", "--name", "backup", "--group", "photos", "--group", "docs",
                    "--read-only", "--expires", "90d");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("Created API key backup (groups photos,docs, read-only, expires 2026-04-01 00:00Z)")
                    .contains("\n" + KEY + "\n").contains("not shown again");
            assertThat(tracker.requests()).singleElement().asString().startsWith("POST " + KEYS + " ")
                    .contains("\"name\":\"backup\"").contains("\"groups\":[\"photos\",\"docs\"]").contains("\"readOnly\":true")
                    .contains("\"ttl\":\"P90D\"");
        }
    }

    @Test
    void theKebabAliasAndEveryLifetimeFormWork() throws Exception {
        try (StubTracker tracker = loggedIn()) {
            tracker.answer("POST", KEYS, 201, "{\"key\":\"" + KEY + "\",\"info\":{\"name\":\"k\",\"groups\":[],\"readOnly\":false,"
                    + "\"createdAt\":\"2026-01-01T00:00:00Z\"}}");
            for (String[] lifetime : List.of(new String[]{"30m", "PT30M"}, new String[]{"12h", "PT12H"},
                    new String[]{"2w", "P14D"}, new String[]{"1y", "P365D"}, new String[]{"p10d", "P10D"})) {
                CliRun run = p2p(tracker, "api-key", "create", "--name", "k", "--expires", lifetime[0]);
                assertThat(run.exitCode()).as(run.err()).isZero();
                assertThat(run.out()).contains("groups all, read-write, no expiry");
                assertThat(tracker.requests().get(tracker.requests().size() - 1)).contains("\"ttl\":\"" + lifetime[1] + "\"");
            }
            CliRun bad = p2p(tracker, "api_key", "create", "--name", "k", "--expires", "soon");
            assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(bad.errLines()).singleElement().asString().contains("not a lifetime");
            CliRun none = p2p(tracker, "api_key");
            assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(none.errLines()).singleElement().asString().contains("missing subcommand");
        }
    }

    @Test
    void listShowsEachKeysLimitsAndRevokeNamesTheKey() throws Exception {
        try (StubTracker tracker = loggedIn()) {
            tracker.answer("GET", KEYS, 200, "[{\"name\":\"backup\",\"groups\":[\"photos\"],\"readOnly\":true,"
                    + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"expiresAt\":\"2026-01-02T00:00:00Z\"},"
                    + "{\"name\":\"nas\",\"groups\":[],\"readOnly\":false,\"createdAt\":\"2026-01-01T00:00:00Z\","
                    + "\"lastUsedAt\":\"2026-01-01T10:00:30Z\"}]");
            tracker.answer("DELETE", KEYS + "/backup", 204, "");
            CliRun list = p2p(tracker, "api_key", "list");
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out().lines().toList()).containsExactly(
                    "NAME    GROUPS  ACCESS      CREATED            EXPIRES                    LAST USED",
                    "backup  photos  read-only   2026-01-01 00:00Z  expired 2026-01-02 00:00Z  never",
                    "nas     all     read-write  2026-01-01 00:00Z  never                      2026-01-01 10:00Z");

            CliRun revoke = p2p(tracker, "api_key", "revoke", "backup");
            assertThat(revoke.exitCode()).as(revoke.err()).isZero();
            assertThat(revoke.out()).isEqualTo("Revoked API key backup\n");
            CliRun unknown = p2p(tracker, "api_key", "revoke", "nothing");
            assertThat(unknown.exitCode()).isEqualTo(ExitCodes.REFUSED);
            assertThat(unknown.errLines()).singleElement().asString().startsWith("p2p: ");
        }
    }

    @Test
    void loginWithAKeyRefusesAPasswordAnotherUsersNameAndADeadKey() throws Exception {
        try (StubTracker tracker = new StubTracker()) {
            tracker.answer("GET", "/api/users/me", 200, "{\"username\":\"alice\",\"createdAt\":\"2026-01-01T00:00:00Z\"}");
            Map<String, String> env = Map.of("P2P_TRACKER", tracker.url(), LoginCommand.API_KEY_ENV, KEY,
                    AgentLauncher.AGENT_JAR_ENV, cwd.resolve("no-agent-needed.jar").toString());
            Files.createFile(cwd.resolve("no-agent-needed.jar"));

            CliRun withPassword = CliRun.run(cwd, env, "login", "alice", "secret-pw");
            assertThat(withPassword.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(withPassword.errLines()).containsExactly("p2p: P2P_API_KEY is set: give no password (or unset it to log in with one)");

            CliRun otherUser = CliRun.run(cwd, env, "login", "bob");
            assertThat(otherUser.exitCode()).isEqualTo(ExitCodes.REFUSED);
            assertThat(otherUser.errLines()).containsExactly("p2p: the API key in P2P_API_KEY belongs to alice, not bob");

            tracker.answer("GET", "/api/users/me", 401, "{\"status\":401,\"detail\":\"the session or API key is unknown\"}");
            CliRun dead = CliRun.run(cwd, env, "login");
            assertThat(dead.exitCode()).isEqualTo(ExitCodes.REFUSED);
            assertThat(dead.err()).contains("P2P_API_KEY is unknown, revoked or expired").doesNotContain(KEY);

            CliRun notAKey = CliRun.run(cwd, Map.of("P2P_TRACKER", tracker.url(), LoginCommand.API_KEY_ENV, "hunter2"), "login");
            assertThat(notAKey.exitCode()).isEqualTo(ExitCodes.REFUSED);
            assertThat(notAKey.err()).contains("does not hold an API key").doesNotContain("hunter2");
            assertThat(cwd.resolve(".p2p/" + SessionFiles.SESSION)).doesNotExist();

            CliRun noUser = CliRun.run(cwd, Map.of("P2P_TRACKER", tracker.url()), "login");
            assertThat(noUser.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(noUser.errLines()).singleElement().asString().contains("'<user>'");
        }
    }

    /**
     * The real agent, started by the CLI: the key is the session's bearer in an owner-only session.json, the
     * key's owner is the user, nothing prints or logs the key, and logout does not revoke it.
     */
    @Test
    void loginWithAKeyStartsTheAgentAsTheKeysOwner() throws Exception {
        Path agentJar = AgentLauncher.repository().resolve("peer-agent/target/peer-agent.jar");
        assertThat(agentJar).as("this test starts the real agent: package it first (mvn -pl peer-agent -am package "
                + "-DskipTests), or run mvn verify from the root").isRegularFile();
        try (StubTracker tracker = new StubTracker()) {
            tracker.answer("GET", "/api/users/me", 200, "{\"username\":\"alice\",\"createdAt\":\"2026-01-01T00:00:00Z\"}");
            tracker.answer("PUT", "/api/peers/me", 200, "{\"memberOf\":[]}");
            tracker.answer("DELETE", "/api/sessions/current", 204, "");
            Map<String, String> env = Map.of("P2P_TRACKER", tracker.url(), LoginCommand.API_KEY_ENV, KEY,
                    AgentLauncher.AGENT_JAVA_OPTS_ENV, "-Dp2p.agent.chunk-address=127.0.0.1 -XX:TieredStopAtLevel=1");
            Path home = cwd.resolve(".p2p");
            CliRun login = CliRun.run(cwd, env, "login");
            long pid = new Json().read(Files.readString(home.resolve(SessionFiles.ENDPOINT)), AgentEndpoint.class, "agent.json").pid();
            try {
                assertThat(login.exitCode()).as(login.err()).isZero();
                assertThat(login.out()).startsWith("Logged in as alice with the API key in P2P_API_KEY").doesNotContain(KEY);
                SessionInfo session = new Json().read(Files.readString(home.resolve(SessionFiles.SESSION)), SessionInfo.class, "s");
                assertThat(session.username()).isEqualTo("alice");
                assertThat(session.token()).isEqualTo(KEY);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(SessionFiles.SESSION))))
                        .isEqualTo("rw-------");
                CliRun again = CliRun.run(cwd, env, "login");
                assertThat(again.exitCode()).as(again.err()).isZero();
                assertThat(again.out()).startsWith("alice is already logged in here");
            } finally {
                CliRun logout = CliRun.run(cwd, Map.of("P2P_TRACKER", tracker.url()), "logout");
                assertThat(logout.exitCode()).as(logout.err()).isZero();
                assertThat(AgentLauncher.awaitExit(pid, java.time.Duration.ofSeconds(30))).isTrue();
            }
            assertThat(home.resolve(SessionFiles.LOG)).content().contains("agent ready for alice").doesNotContain(KEY);
            assertThat(tracker.requests()).noneMatch(request -> request.startsWith("DELETE " + KEYS));
            assertThat(String.join("\n", tracker.requests())).doesNotContain(KEY);
        }
    }

    /** A stand-in tracker and a password session of alice's in this folder. */
    private StubTracker loggedIn() throws Exception {
        StubTracker tracker = new StubTracker();
        Path home = Files.createDirectories(cwd.resolve(".p2p"));
        Files.writeString(home.resolve(SessionFiles.SESSION), new Json().write(
                new SessionInfo("alice", List.of(tracker.url()), "session-token", Instant.parse("2099-01-01T00:00:00Z"), null)));
        return tracker;
    }

    private CliRun p2p(StubTracker tracker, String... args) {
        return CliRun.run(cwd, Map.of("P2P_TRACKER", tracker.url()), args);
    }
}
