package dev.p2pshare.cli;

import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.AgentStatus;
import dev.p2pshare.shared.control.SessionInfo;
import dev.p2pshare.shared.tracker.Credentials;
import dev.p2pshare.shared.tracker.NewApiKey;
import dev.p2pshare.shared.tracker.SessionToken;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Log in from this folder and start its agent in the background.",
                "With $P2P_API_KEY set, the key replaces user and password: the agent works as the key's owner, "
                        + "within the key's groups and access; logout stops the agent but does not revoke the key.",
                "The agent keeps running after this command returns, logs to .p2p/agent.log, "
                        + "and shares again what it shared before the last logout.",
                "Logging in again while the agent runs changes nothing at the tracker: the password is checked "
                        + "against the one this session was logged in with."},
        footerHeading = P2pCommand.EXAMPLE, footer = {
                "  p2p login alice                  (asks for the password, not shown)",
                "  p2p login alice --password-stdin < pw-file",
                "  p2p --tracker 10.0.0.5:9000 login alice",
                "  p2p login alice s3cret-pw        (also works; the password shows in ps)",
                "  P2P_API_KEY=p2pk_... p2p login   (no password: the key's owner, limited to what the key may do)"})
final class LoginCommand implements Callable<Integer> {
    static final String API_KEY_ENV = "P2P_API_KEY";
    /** As the tracker words it, so that a wrong password reads the same whoever checked it. */
    static final String WRONG_PASSWORD = "wrong user name or password";

    @ParentCommand
    private P2pCommand p2p;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<user>",
            description = "User name; left out with P2P_API_KEY (the key's owner is the user).")
    private String user;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<password>", description = UserPassword.PASSWORD_HELP)
    private String password;

    @Mixin
    private UserPassword account;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        String apiKey = apiKey();
        if (apiKey == null && user == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: '<user>' (or set "
                    + API_KEY_ENV + ")");
        }
        Credentials credentials = apiKey == null ? account.credentials(user, password, p2p.passwords(), false) : null;
        SessionFolder home = p2p.home();
        if (home.narrowIfOpen()) {
            p2p.warn(home.dir() + " was open to other users; narrowed it to mode 0700 (owner only)");
        }
        Optional<AgentEndpoint> running = home.runningAgent();
        if (running.isPresent()) return reuse(home, running.get(), credentials, apiKey);

        Path trustCertificate = p2p.trustCertificate();
        AgentLauncher launcher = new AgentLauncher(p2p.env(), trustCertificate);
        launcher.checkInstalled();
        List<String> trackers = p2p.trackers(null);
        p2p.note("logging in to " + String.join(" or ", trackers) + "...");
        String trust = trustCertificate == null ? null : trustCertificate.toString();
        SessionInfo session;
        if (apiKey == null) {
            SessionToken token = p2p.tracker(trackers).login(credentials);
            session = new SessionInfo(user, trackers, token.token(), token.expiresAt(), trust);
        } else {
            // The key is the bearer: the agent uses it for every call, until it expires or is revoked.
            session = new SessionInfo(keyOwner(trackers, apiKey), trackers, apiKey, null, trust);
        }
        home.saveSession(session);
        if (apiKey == null) home.savePasswordCheck(PasswordCheck.of(credentials.password()));

        Process process = launcher.start(home);
        p2p.note("starting the agent (pid " + process.pid() + "); waiting until it answers, up to "
                + AgentLauncher.READY_TIMEOUT.toSeconds() + " s...");
        AgentEndpoint endpoint = launcher.awaitReady(home, process, (folder, candidate) -> p2p.agent(folder, candidate).status());
        AgentStatus status = p2p.agent(home, endpoint).status();
        p2p.output().print(result(status, endpoint, false), "Logged in as " + session.username()
                + (apiKey == null ? "" : " with the API key in " + API_KEY_ENV) + " at " + String.join(", ", trackers)
                + "; agent running (pid " + endpoint.pid() + "), " + sharing(status));
        return ExitCodes.OK;
    }

    /**
     * This folder's agent already runs: nothing changes at the tracker. The same user is told so once the password
     * matches the one the session was logged in with (or the key names that user); another user is refused.
     */
    private int reuse(SessionFolder home, AgentEndpoint endpoint, Credentials credentials, String apiKey) {
        AgentStatus status = p2p.agent(home, endpoint).status();
        SessionInfo session = p2p.session(home);
        List<String> trackers = p2p.trackers(session.trackers());
        String owner = apiKey == null ? user : keyOwner(trackers, apiKey);
        if (!owner.equalsIgnoreCase(status.username())) {
            throw CliFailure.refused(status.username() + " is logged in from " + home.dir() + "; run `p2p logout` first");
        }
        if (apiKey == null) {
            String check = home.passwordCheck().orElseThrow(() -> CliFailure.refused(owner + " is logged in from "
                    + home.dir() + " by an older p2p, which kept nothing to check the password against; run `p2p logout` first"));
            if (!PasswordCheck.matches(check, credentials.password())) throw CliFailure.refused(WRONG_PASSWORD);
        }
        p2p.output().print(result(status, endpoint, true), owner + " is already logged in here; agent running (pid "
                + endpoint.pid() + "), " + sharing(status));
        return ExitCodes.OK;
    }

    /** $P2P_API_KEY, or null when it is not set; then a password may not be given as well. */
    private String apiKey() {
        String key = p2p.env().get(API_KEY_ENV);
        if (key == null || key.isBlank()) return null;
        if (account.passwordGiven(password)) {
            throw new CliFailure(ExitCodes.USAGE, API_KEY_ENV + " is set: give no password (or unset it to log in with one)");
        }
        if (!NewApiKey.isApiKey(key.strip())) {
            throw CliFailure.refused(API_KEY_ENV + " does not hold an API key (they start with " + NewApiKey.PREFIX
                    + "; make one with `p2p api_key create`)");
        }
        return key.strip();
    }

    /** The user the key belongs to, as the tracker says; refused when the key is dead or <user> names another. */
    private String keyOwner(List<String> trackers, String apiKey) {
        String owner = p2p.tracker(trackers, apiKey, CliFailure.refused("the API key in " + API_KEY_ENV + " is unknown, revoked or expired"))
                .me().username();
        if (user != null && !user.equalsIgnoreCase(owner)) {
            throw CliFailure.refused("the API key in " + API_KEY_ENV + " belongs to " + owner + ", not " + user);
        }
        return owner;
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
