package dev.p2pshare.shared.control;

/** Names of the files in a session folder ({@code .p2p/}). */
public final class SessionFiles {
    /** Written by the CLI on login (mode 0600): a {@link SessionInfo}. */
    public static final String SESSION = "session.json";
    /** Written by the agent on start (mode 0600): the control API secret, one line. */
    public static final String SECRET = "agent.secret";
    /** Written by the agent once it is ready: an {@link AgentEndpoint}. */
    public static final String ENDPOINT = "agent.json";
    public static final String LOG = "agent.log";
    /** Header-less bearer scheme the control API expects. */
    public static final String SECRET_SCHEME = "Bearer ";

    private SessionFiles() {
    }
}
