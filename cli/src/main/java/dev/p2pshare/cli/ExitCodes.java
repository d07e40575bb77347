package dev.p2pshare.cli;

/** The exit codes of {@code p2p}, as its --help lists them. */
final class ExitCodes {
    static final int OK = 0;
    /** Refused by the tracker or agent, or bad input (no such file, wrong password, ...). */
    static final int REFUSED = 1;
    /** The command line itself is wrong: unknown command, missing argument, unknown option. */
    static final int USAGE = 2;
    /** The tracker or the local agent cannot be reached. */
    static final int UNREACHABLE = 3;

    private ExitCodes() {
    }
}
