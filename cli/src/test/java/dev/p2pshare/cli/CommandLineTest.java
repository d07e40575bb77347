package dev.p2pshare.cli;

import dev.p2pshare.shared.control.SessionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {
    @TempDir
    Path cwd;

    private CliRun p2p(String... args) {
        return CliRun.run(cwd, Map.of(), args);
    }

    @Test
    void missingArgumentIsAUsageErrorOnOneLine() {
        CliRun run = p2p("accept_request", "photos");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("p2p: ").contains("'<user>'").contains("p2p accept_request --help");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownCommandSuggestsTheNearestOnes() {
        CliRun run = p2p("lgin", "alice", "pw");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("p2p: unknown command 'lgin'; did you mean login");
    }

    @Test
    void suggestionsAreOrderedByClosenessAndIgnoreCase() {
        assertThat(p2p("lgoin").errLines()).containsExactly(
                "p2p: unknown command 'lgoin'; did you mean login? (see 'p2p --help')");
        assertThat(p2p("LOGOUT").errLines()).containsExactly(
                "p2p: unknown command 'LOGOUT'; did you mean logout? (see 'p2p --help')");
        assertThat(p2p("stauts").errLines()).singleElement().asString().contains("did you mean status?");
        assertThat(p2p("logot").errLines()).singleElement().asString().contains("did you mean logout or login?");
        assertThat(p2p("ListFiles").errLines()).singleElement().asString().contains("did you mean list_files?");
        assertThat(p2p("frobnicate").errLines()).containsExactly("p2p: unknown command 'frobnicate' (see 'p2p --help')");
    }

    @Test
    void helpListsOneExitCodePerCause() {
        CliRun run = p2p("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Exit codes (with --json, an error is {\"error\": \"...\", \"exitCode\": N} on stderr):")
                .containsPattern("(?m)^ +0 +success$")
                .containsPattern("(?m)^ +1 +refused by the tracker or the agent")
                .containsPattern("(?m)^ +2 +usage error")
                .containsPattern("(?m)^ +3 +cannot reach the tracker")
                .containsPattern("(?m)^ +4 +not logged in from this folder");
    }

    @Test
    void unknownOptionAndExtraArgumentAreUsageErrors() {
        assertThat(p2p("status", "--bogus").exitCode()).isEqualTo(2);
        CliRun extra = p2p("list_groups", "extra");
        assertThat(extra.exitCode()).isEqualTo(2);
        assertThat(extra.errLines()).singleElement().asString().contains("unexpected argument 'extra'");
    }

    @Test
    void aMistypedRateIsAUsageErrorBeforeAskingTheAgent() {
        CliRun limit = p2p("download_file", "photos", "a.iso", ".", "--limit", "5XB");
        assertThat(limit.exitCode()).isEqualTo(2);
        assertThat(limit.errLines()).singleElement().asString().startsWith("p2p: ").contains("--limit")
                .contains("not a rate: '5XB'");

        assertThat(p2p("limits", "--down", "fast").exitCode()).isEqualTo(2);
        CliRun noRate = p2p("limits", "--download", "ab12cd34");
        assertThat(noRate.exitCode()).isEqualTo(2);
        assertThat(noRate.errLines()).singleElement().asString().contains("p2p limits --download <id> <rate>");
    }

    @Test
    void rateHelpSaysWhatAMegabyteIs() {
        assertThat(p2p("limits", "--help").out().replaceAll("\\s+", " ")).contains("5MB = 5,000,000 bytes/s")
                .contains("p2p limits --down 20MB --up 5MB");
        assertThat(p2p("download_file", "--help").out().replaceAll("\\s+", " ")).contains("--limit=<rate>")
                .contains("KiB, MiB, GiB of 1024");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = p2p();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("p2p: missing command (see 'p2p --help')");
    }

    @Test
    void originalNamesAndKebabCaseAliasesBothWork() {
        CliRun original = p2p("download_file", "--help");
        CliRun alias = p2p("download-file", "--help");

        assertThat(original.exitCode()).isZero();
        assertThat(alias.exitCode()).isZero();
        assertThat(alias.out()).isEqualTo(original.out());
        assertThat(alias.out().replaceAll("\\s+", " ")).contains("<group> <fileName> <destPath>");
    }

    @Test
    void everyCommandOfTheSeedSystemExistsWithItsArgumentOrder() {
        Map<String, String> usage = Map.ofEntries(
                Map.entry("create_user", "<user> [<password>]"), Map.entry("login", "[<user>] [<password>]"),
                Map.entry("logout", ""), Map.entry("status", ""), Map.entry("create_group", "<group>"),
                Map.entry("list_groups", ""), Map.entry("join_group", "<group>"), Map.entry("leave_group", "<group>"),
                Map.entry("list_requests", "<group>"), Map.entry("accept_request", "<group> <user>"),
                Map.entry("decline_request", "<group> <user>"),
                Map.entry("upload_file", "<path> <group>"), Map.entry("list_files", "<group>"),
                Map.entry("download_file", "<group> <fileName> <destPath>"), Map.entry("show_downloads", ""),
                Map.entry("stop_sharing", "<group> <fileName>"));
        usage.forEach((command, arguments) -> {
            CliRun help = p2p(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out().replaceAll("\\s+", " ")).as(command).startsWith("Usage: p2p " + command).contains(arguments)
                    .contains("Example: p2p " + command + " ");
            assertThat(p2p(command.replace('_', '-'), "--help").exitCode()).as(command).isZero();
        });
    }

    @Test
    void everyVisibleCommandHasAnExampleAndJsonOption() {
        CommandLine root = P2pCommand.commandLine(new P2pCommand(Map.of(), cwd, false));
        root.getSubcommands().values().stream().distinct()
                .filter(sub -> !sub.getCommandSpec().usageMessage().hidden() && !sub.getCommandName().equals("help"))
                .forEach(sub -> {
                    String help = sub.getUsageMessage();
                    assertThat(help).as(sub.getCommandName()).contains("Example:").contains("--json").contains("--home");
                });
    }

    @Test
    void helpCommandShowsACommandsManual() {
        CliRun run = p2p("help", "upload_file");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: p2p upload_file");
    }

    @Test
    void versionNamesTheProgram() {
        CliRun run = p2p("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("p2p ");
    }

    @Test
    void commandNeedingAnAgentSaysNobodyIsLoggedInAndHowToFixIt() {
        CliRun run = p2p("show_downloads");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("p2p: nobody is logged in from " + cwd.resolve(".p2p") + "; run `p2p login <user>`");
    }

    @Test
    void aSessionWhoseAgentIsGoneSaysSoWithTheSameExitCodeAsNotLoggedIn() {
        SessionFolder home = new SessionFolder(cwd.resolve(".p2p"), new Json());
        home.saveSession(new SessionInfo("alice", List.of("http://127.0.0.1:9"), "tok", Instant.parse("2099-01-01T00:00:00Z"), null));

        CliRun run = p2p("show_downloads");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
        assertThat(run.errLines()).containsExactly("p2p: the agent of alice is not running (see " + home.file("agent.log")
                + "); run `p2p login alice`");
    }

    @Test
    void homeComesFromTheOptionBeforeOrAfterTheCommandThenTheEnvironment() {
        assertThat(p2p("--home", "alice", "status").err()).contains(cwd.resolve("alice").toString());
        assertThat(p2p("status", "--home", "bob").err()).contains(cwd.resolve("bob").toString());
        CliRun fromEnv = CliRun.run(cwd, Map.of("P2P_HOME", "/tmp/elsewhere/.p2p"), "status");
        assertThat(fromEnv.err()).contains("/tmp/elsewhere/.p2p;");
    }

    @Test
    void trackerCommandWithoutASessionIsRefusedWithTheFix() {
        CliRun run = p2p("list_groups");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("p2p: nobody is logged in from " + cwd.resolve(".p2p") + "; run `p2p login <user>`");
    }

    @Test
    void uploadOfAMissingFileIsRefusedBeforeAskingTheAgent() {
        CliRun run = p2p("upload_file", "no-such.txt", "photos");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("p2p: no such file: no-such.txt");
    }

    @Test
    void uploadOfAFifoIsRefused() throws Exception {
        assertThat(new ProcessBuilder("mkfifo", cwd.resolve("pipe").toString()).start().waitFor()).isZero();

        CliRun run = p2p("upload-file", "pipe", "photos");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("p2p: not a regular file or folder: pipe");
    }

    @Test
    void logoutWithNobodyLoggedInIsRefused() {
        CliRun run = p2p("logout");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
        assertThat(run.errLines()).containsExactly("p2p: nobody is logged in from " + cwd.resolve(".p2p") + "; run `p2p login <user>`");
    }

    @Test
    void badTrackerAddressIsRefusedOnOneLine() {
        CliRun run = p2p("--tracker", "http://", "create_user", "alice", "secret1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().contains("not a tracker address");
    }
}
