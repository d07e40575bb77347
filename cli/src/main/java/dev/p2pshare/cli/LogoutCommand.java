package dev.p2pshare.cli;

import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.SessionFiles;
import dev.p2pshare.shared.control.SessionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "logout", mixinStandardHelpOptions = true,
        description = {"Log out from this folder and stop its agent.",
                "The session is revoked at the tracker and sharing stops. What you shared is remembered: "
                        + "the next `p2p login` here shares it again."},
        footerHeading = P2pCommand.EXAMPLE, footer = "  p2p logout")
final class LogoutCommand implements Callable<Integer> {
    /**
     * How long the agent gets to exit by itself (it does in about half a second), then to exit on SIGTERM, before it
     * is killed: logging out is quick whatever the agent is doing. Its session is revoked before it is asked to stop.
     */
    static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration TERMINATE_TIMEOUT = Duration.ofSeconds(5);

    @ParentCommand
    private P2pCommand p2p;

    @Override
    public Integer call() {
        SessionFolder home = p2p.home();
        Optional<SessionInfo> session = home.session();
        Optional<AgentEndpoint> running = home.runningAgent();
        if (session.isEmpty() && running.isEmpty()) {
            throw P2pCommand.notLoggedIn(home);
        }
        String text;
        if (running.isPresent()) {
            text = stopAgent(home, running.get());
        } else {
            revokeAtTracker(session.get());
            text = "no agent was running";
        }
        home.deleteSession();
        String user = session.map(SessionInfo::username).orElse("the agent's user");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("username", session.map(SessionInfo::username).orElse(null));
        result.put("loggedOut", true);
        p2p.output().print(result, "Logged out " + user + "; " + text);
        return ExitCodes.OK;
    }

    /**
     * Asks the agent to log out (it revokes the session, then exits) and waits until its process is
     * gone, terminating one that hangs. The agent stops even when the tracker is unreachable; it says
     * so with a 5xx, and session.json stays so that a later logout can revoke the session.
     */
    private String stopAgent(SessionFolder home, AgentEndpoint agent) {
        long pid = agent.pid();
        CliFailure notRevoked = null;
        try {
            p2p.agent(home, agent).logout();
        } catch (CliFailure failure) {
            if (failure.exitCode() != ExitCodes.UNREACHABLE || !SessionFolder.isAlive(pid)) throw failure;
            notRevoked = failure;
        }
        String text = "agent stopped";
        if (!AgentLauncher.awaitExit(pid, EXIT_TIMEOUT)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            text = "the agent did not exit by itself and was terminated";
            if (!AgentLauncher.awaitExit(pid, TERMINATE_TIMEOUT)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                text = "the agent did not exit by itself, nor when asked to, and was killed";
                if (!AgentLauncher.awaitExit(pid, TERMINATE_TIMEOUT)) {
                    throw CliFailure.refused("the agent (pid " + pid + ") does not stop; see " + home.file(SessionFiles.LOG));
                }
            }
        }
        if (notRevoked != null) {
            throw CliFailure.unreachable("the agent stopped, but the session is not revoked (" + notRevoked.getMessage()
                    + "); run `p2p logout` again when the tracker is back");
        }
        return text;
    }

    /** Without an agent the CLI revokes the token itself; one that is already invalid is fine. */
    private void revokeAtTracker(SessionInfo session) {
        try {
            p2p.tracker(session).revokeSession();
        } catch (CliFailure failure) {
            if (failure.httpStatus() != 401) throw failure;
        }
    }
}
