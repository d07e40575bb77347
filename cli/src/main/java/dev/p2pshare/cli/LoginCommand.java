package dev.p2pshare.cli;

import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.AgentStatus;
import dev.p2pshare.shared.control.SessionInfo;
import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.shared.tracker.SessionToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Log in from this folder and start its agent in the background.",
                "The agent keeps running after this command returns, logs to .p2p/agent.log, "
                        + "and shares again what it shared before the last logout.",
                "Logging in again while the agent runs changes nothing at the tracker: the password is checked "
                        + "against the one this session was logged in with."},
        footerHeading = P2pCommand.EXAMPLE, footer = {
                "  p2p login alice                  (asks for the password, not shown)",
                "  p2p login alice --password-stdin < pw-file",
                "  p2p --tracker 10.0.0.5:9000 login alice",
                "  p2p login alice s3cret-pw        (also works; the password shows in ps)"})
final class LoginCommand implements Callable<Integer> {
    /** As the tracker words it, so that a wrong password reads the same whoever checked it. */
    static final String WRONG_PASSWORD = "wrong user name or password";

    @ParentCommand
    private P2pCommand p2p;

    @Mixin
    private UserPassword account;

    @Override
    public Integer call() {
        Credentials credentials = account.credentials(p2p.passwords(), false);
        SessionFolder home = p2p.home();
        if (home.narrowIfOpen()) {
            p2p.warn(home.dir() + " was open to other users; narrowed it to mode 0700 (owner only)");
        }
        Optional<AgentEndpoint> running = home.runningAgent();
        if (running.isPresent()) return reuse(home, running.get(), credentials);

        Path trustCertificate = p2p.trustCertificate();
        AgentLauncher launcher = new AgentLauncher(p2p.env(), trustCertificate);
        launcher.checkInstalled();
        List<String> trackers = p2p.trackers(null);
        p2p.note("logging in to " + String.join(" or ", trackers) + "...");
        SessionToken token = p2p.tracker(trackers).login(credentials);
        home.saveSession(new SessionInfo(account.user(), trackers, token.token(), token.expiresAt(),
                trustCertificate == null ? null : trustCertificate.toString()));
        home.savePasswordCheck(PasswordCheck.of(credentials.password()));

        Process process = launcher.start(home);
        p2p.note("starting the agent (pid " + process.pid() + "); waiting until it answers, up to "
                + AgentLauncher.READY_TIMEOUT.toSeconds() + " s...");
        AgentEndpoint endpoint = launcher.awaitReady(home, process, (folder, candidate) -> p2p.agent(folder, candidate).status());
        AgentStatus status = p2p.agent(home, endpoint).status();
        p2p.output().print(result(status, endpoint, false), "Logged in as " + account.user() + " at " + String.join(", ", trackers)
                + "; agent running (pid " + endpoint.pid() + "), " + sharing(status));
        return ExitCodes.OK;
    }

    /**
     * This folder's agent already runs: nothing changes at the tracker. The same user is told so once the password
     * matches the one the session was logged in with; another user is refused.
     */
    private int reuse(SessionFolder home, AgentEndpoint endpoint, Credentials credentials) {
        AgentStatus status = p2p.agent(home, endpoint).status();
        if (!account.user().equals(status.username())) {
            throw CliFailure.refused(status.username() + " is logged in from " + home.dir() + "; run `p2p logout` first");
        }
        String check = home.passwordCheck().orElseThrow(() -> CliFailure.refused(account.user() + " is logged in from "
                + home.dir() + " by an older p2p, which kept nothing to check the password against; run `p2p logout` first"));
        if (!PasswordCheck.matches(check, credentials.password())) throw CliFailure.refused(WRONG_PASSWORD);
        p2p.output().print(result(status, endpoint, true), account.user() + " is already logged in here; agent running (pid "
                + endpoint.pid() + "), " + sharing(status));
        return ExitCodes.OK;
    }

    private static String sharing(AgentStatus status) {
        int shares = status.shares() == null ? 0 : status.shares().size();
        return "sharing " + shares + (shares == 1 ? " file" : " files");
    }

    private static Map<String, Object> result(AgentStatus status, AgentEndpoint endpoint, boolean alreadyRunning) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("username", status.username());
        result.put("trackers", status.trackers());
        result.put("agent", endpoint);
        result.put("alreadyRunning", alreadyRunning);
        result.put("shares", status.shares());
        return result;
    }
}
