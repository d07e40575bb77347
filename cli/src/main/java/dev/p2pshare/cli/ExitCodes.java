package dev.p2pshare.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes of {@code p2p}, one per cause, as its --help lists them ({@link #HELP}). */
final class ExitCodes {
    static final int OK = 0;
    /** Refused by the tracker or the agent, or bad input (no such file, wrong password, not a member, ...). */
    static final int REFUSED = 1;
    /** The command line itself is wrong: unknown command, missing argument, unknown option. */
    static final int USAGE = 2;
    /** The tracker cannot be reached (said so by the CLI or by the agent), or the agent stopped answering. */
    static final int UNREACHABLE = 3;
    /** Nobody is logged in from this folder, its agent is not running, or the session expired or was revoked. */
    static final int NOT_LOGGED_IN = 4;

    /** The exit-code table of {@code p2p --help}: code, then what it means. */
    static final Map<String, String> HELP = table(
            OK, "success",
            REFUSED, "refused by the tracker or the agent (not allowed, no such thing, exists already, wrong password), "
                    + "or bad input",
            USAGE, "usage error (unknown command or option, missing argument)",
            UNREACHABLE, "cannot reach the tracker (or this folder's agent stopped answering)",
            NOT_LOGGED_IN, "not logged in from this folder, its agent is not running, or the session expired: "
                    + "run `p2p login <user>`");

    private ExitCodes() {
    }

    private static Map<String, String> table(Object... codesAndMeanings) {
        Map<String, String> table = new LinkedHashMap<>();
        for (int i = 0; i < codesAndMeanings.length; i += 2) table.put(String.format("%3s", codesAndMeanings[i]), (String) codesAndMeanings[i + 1]);
        return Collections.unmodifiableMap(table);
    }
}
