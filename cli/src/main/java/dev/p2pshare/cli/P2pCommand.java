package dev.p2pshare.cli;

import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.SessionFiles;
import dev.p2pshare.shared.control.SessionInfo;
import dev.p2pshare.shared.tracker.NewApiKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code p2p}: the command line of p2p-share. Talks to the tracker for accounts and groups and to this
 * folder's agent for sharing and downloading. Holds the options every subcommand shares.
 */
@Command(name = "p2p",
        mixinStandardHelpOptions = true,
        versionProvider = P2pCommand.Version.class,
        usageHelpAutoWidth = true,
        description = {
                "Private, group-based peer-to-peer file sharing.",
                "A session belongs to the folder it was started in (./.p2p, or --home, or $P2P_HOME): "
                        + "`p2p login` starts that folder's agent, which shares your files with your groups "
                        + "and downloads from peers."},
        subcommands = {
                CreateUserCommand.class, LoginCommand.class, LogoutCommand.class, StatusCommand.class,
                CreateGroupCommand.class, ListGroupsCommand.class, JoinGroupCommand.class, LeaveGroupCommand.class,
                ListRequestsCommand.class, AcceptRequestCommand.class, DeclineRequestCommand.class,
                ListMembersCommand.class, RemoveMemberCommand.class, SetGroupCommand.class, DeleteGroupCommand.class,
                UploadFileCommand.class, ListFilesCommand.class, DownloadFileCommand.class,
                ShowDownloadsCommand.class, CancelDownloadCommand.class, StopSharingCommand.class, ApiKeyCommand.class,
                ActivityCommand.class,
                LimitsCommand.class,
                CommandLine.HelpCommand.class, CdsTrainingCommand.class},
        exitCodeListHeading = "%nExit codes (with --json, an error is {\"error\": \"...\", \"exitCode\": N} on stderr):%n",
        footerHeading = "%nEnvironment:%n",
        footer = {
                "  P2P_HOME     session folder (default ./.p2p)",
                "  P2P_TRACKER  tracker addresses, comma separated",
                "               (default: ./tracker_info.txt, else " + TrackerAddresses.DEFAULT + ")",
                "  P2P_TRUST_CERT  PEM file of a CA or certificate to trust for https trackers",
                "  P2P_API_KEY  an API key: `p2p login` uses it instead of a user and password",
                "",
                "Example:",
                "  p2p create_user alice    (asks for the password twice)",
                "  p2p login alice          (asks for it; or --password-stdin < pw-file)",
                "  p2p status"})
public final class P2pCommand implements Runnable {
    /** Heading of the example every subcommand's --help ends with. */
    static final String EXAMPLE = "%nExample:%n";
    static final String LOGIN_HINT = "run `p2p login <user>`";
    static final String HOME_ENV = "P2P_HOME";
    static final String TRUST_CERT_ENV = "P2P_TRUST_CERT";
    static final String DEFAULT_HOME = ".p2p";

    private final Map<String, String> env;
    private final Path cwd;
    private final boolean terminal;
    private final PasswordInput passwords;
    private Json json;
    private HttpApi http;

    @Spec
    private CommandSpec spec;

    @Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "<dir>",
            description = "Session folder (default: $P2P_HOME, else ./.p2p).")
    private Path homeOption;

    @Option(names = "--tracker", scope = ScopeType.INHERIT, paramLabel = "<url>",
            description = "Tracker address (host:port, a bare host meaning port 9000, or a URL); repeat it for fail-over. "
                    + "Default: $P2P_TRACKER, "
                    + "else the session's trackers, else ./tracker_info.txt, else localhost:9000.")
    private List<String> trackerOptions = new ArrayList<>();

    @Option(names = "--trust-cert", scope = ScopeType.INHERIT, paramLabel = "<pem>",
            description = "PEM file of a CA or certificate that https trackers may present, trusted on top of the usual "
                    + "CAs (default: $P2P_TRUST_CERT); the agent that login starts trusts it too.")
    private Path trustCertOption;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the result as JSON.")
    private boolean jsonOutput;

    /**
     * @param env      the environment (P2P_HOME, P2P_TRACKER, P2P_AGENT_JAR, ...)
     * @param cwd      the caller's folder: relative paths and ./.p2p are resolved against it
     * @param terminal whether stdin and stdout are a terminal (progress bars) or not (plain progress lines)
     */
    P2pCommand(Map<String, String> env, Path cwd, boolean terminal) {
        this(env, cwd, terminal, new PasswordInput(null, InputStream.nullInputStream()));
    }

    /** @param passwords where passwords left off the command line come from (the terminal, stdin) */
    P2pCommand(Map<String, String> env, Path cwd, boolean terminal, PasswordInput passwords) {
        this.env = Map.copyOf(env);
        this.cwd = cwd.toAbsolutePath().normalize();
        this.terminal = terminal;
        this.passwords = passwords;
    }

    public static void main(String[] args) {
        P2pCommand p2p = new P2pCommand(System.getenv(), Path.of("").toAbsolutePath(), Terminal.console() != null,
                PasswordInput.system());
        int exitCode = commandLine(p2p).execute(args);
        if (p2p.http != null) p2p.http.close();
        System.exit(exitCode);
    }

    /** The configured picocli CommandLine: one-line errors on stderr, exit codes of {@link ExitCodes}. */
    static CommandLine commandLine(P2pCommand p2p) {
        CommandLine commandLine = new CommandLine(p2p);
        commandLine.getCommandSpec().usageMessage().exitCodeList(ExitCodes.HELP);
        commandLine.setExitCodeExceptionMapper(error -> error instanceof CliFailure failure ? failure.exitCode() : ExitCodes.REFUSED);
        commandLine.setExecutionExceptionHandler(ErrorReporter::executionFailed);
        commandLine.setParameterExceptionHandler(ErrorReporter::usageError);
        return commandLine;
    }

    /** {@code p2p} with no command. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    Map<String, String> env() {
        return env;
    }

    Path cwd() {
        return cwd;
    }

    boolean terminal() {
        return terminal;
    }

    PasswordInput passwords() {
        return passwords;
    }

    /** A path the user typed, relative to the caller's folder. */
    Path resolve(String path) {
        return cwd.resolve(path).toAbsolutePath().normalize();
    }

    Json json() {
        if (json == null) json = new Json();
        return json;
    }

    /** The HTTP client for calls to {@code urls}; made once, again only when https turns up later. */
    HttpApi http(List<String> urls) {
        boolean tls = HttpApi.needsTls(urls);
        if (http == null || (tls && !http.tls())) http = new HttpApi(tls, tls ? trustCertificate() : null);
        return http;
    }

    /**
     * The PEM file to trust for https: --trust-cert, else $P2P_TRUST_CERT, else the one this folder's session
     * was logged in with; absolute; null when none.
     */
    Path trustCertificate() {
        Path file = trustCertOption;
        if (file == null) {
            String fromEnv = env.get(TRUST_CERT_ENV);
            if (fromEnv != null && !fromEnv.isBlank()) {
                file = Path.of(fromEnv);
            } else {
                String fromSession = home().session().map(SessionInfo::trustCertificate).orElse(null);
                if (fromSession == null) return null;
                file = Path.of(fromSession);
            }
        }
        return cwd.resolve(file).toAbsolutePath().normalize();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    boolean jsonOutput() {
        return jsonOutput;
    }

    /**
     * A line on stderr saying what the command is doing or waiting for, so that a person at the terminal never
     * watches it sit silent for seconds. Scripts (no terminal) and --json get none: for them a command that
     * succeeds leaves stderr empty, and one that fails leaves exactly one line there.
     */
    void note(String text) {
        if (!terminal || jsonOutput) return;
        warn(text);
    }

    /** A line on stderr that everyone gets, scripts too: something the user should know about. */
    void warn(String text) {
        err().println("p2p: " + text);
        err().flush();
    }

    Output output() {
        return new Output(spec.commandLine().getOut(), json(), jsonOutput);
    }

    SessionFolder home() {
        Path dir = homeOption;
        if (dir == null) {
            String fromEnv = env.get(HOME_ENV);
            dir = Path.of(fromEnv == null || fromEnv.isBlank() ? DEFAULT_HOME : fromEnv);
        }
        return new SessionFolder(cwd.resolve(dir), json());
    }

    /** Trackers to try, in order; {@code sessionTrackers} rank after --tracker and $P2P_TRACKER. */
    List<String> trackers(List<String> sessionTrackers) {
        return TrackerAddresses.resolve(trackerOptions, env, cwd, sessionTrackers);
    }

    /** The tracker without a session (registering, logging in). */
    TrackerClient tracker(List<String> trackers) {
        return new TrackerClient(new ApiClient("tracker", trackers, null, null, null, null, http(trackers), json()));
    }

    /** The session of this folder; "not logged in" when there is none. */
    SessionInfo session(SessionFolder home) {
        return home.session().orElseThrow(() -> notLoggedIn(home));
    }

    /** The one wording of "nobody is logged in from this folder": exit 4. */
    static CliFailure notLoggedIn(SessionFolder home) {
        return CliFailure.notLoggedIn("nobody is logged in from " + home.dir() + "; " + LOGIN_HINT);
    }

    /** The one wording of "the tracker no longer takes this session" (the CLI or the agent was told so): exit 4. */
    static CliFailure sessionExpired(String username) {
        return new CliFailure(ExitCodes.NOT_LOGGED_IN, "the session of " + username + " has expired or was revoked; run `p2p login "
                + username + "`", 401);
    }

    /** The tracker with this folder's session token (or API key). */
    TrackerClient tracker(SessionInfo session) {
        CliFailure expired = NewApiKey.isApiKey(session.token())
                ? CliFailure.notLoggedIn("the API key " + session.username() + " logged in with has expired or was revoked; "
                        + LOGIN_HINT)
                : sessionExpired(session.username());
        return tracker(trackers(session.trackers()), session.token(), expired);
    }

    /** The tracker with {@code bearer}; a 401 is answered with {@code unauthorized}. */
    TrackerClient tracker(List<String> trackers, String bearer, CliFailure unauthorized) {
        return new TrackerClient(new ApiClient("tracker", trackers, bearer, answer -> unauthorized, null, null, http(trackers),
                json()));
    }

    /** The tracker with the session of this folder (refused when nobody is logged in here). */
    TrackerClient sessionTracker() {
        return tracker(session(home()));
    }

    /** This folder's running agent; "not logged in" with the fix when none runs. */
    AgentClient agent() {
        SessionFolder home = home();
        Optional<AgentEndpoint> endpoint = home.runningAgent();
        if (endpoint.isPresent()) return agent(home, endpoint.get());
        SessionInfo session = session(home);
        throw CliFailure.notLoggedIn("the agent of " + session.username() + " is not running (see " + home.file(SessionFiles.LOG)
                + "); run `p2p login " + session.username() + "`");
    }

    /**
     * The agent at {@code endpoint}. A 503 from it means it cannot reach the tracker, and is said so; a 401 without
     * a challenge is the tracker's rejection of the session, passed on.
     */
    AgentClient agent(SessionFolder home, AgentEndpoint endpoint) {
        String log = home.file(SessionFiles.LOG).toString();
        List<String> control = List.of(stripSlash(endpoint.controlUrl()));
        Optional<SessionInfo> session = home.session();
        String user = session.map(SessionInfo::username).orElse("<user>");
        List<String> trackers = session.map(SessionInfo::trackers).filter(list -> !list.isEmpty()).orElseGet(() -> trackers(null));
        ApiClient api = new ApiClient("agent", control, home.secret(), answer -> answer.challenged()
                ? CliFailure.refused("the agent refused the secret in " + home.file(SessionFiles.SECRET) + "; see " + log)
                : sessionExpired(user), "see " + log, trackers, http(control), json());
        return new AgentClient(api, endpoint);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code --version}: the CLI's version and the Java it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = P2pCommand.class.getPackage().getImplementationVersion();
            return new String[]{
                    "p2p " + (version == null ? "(development build)" : version),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
