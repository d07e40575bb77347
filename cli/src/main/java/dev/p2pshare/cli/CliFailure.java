package dev.p2pshare.cli;

/**
 * Why a command could not do what was asked: one line for stderr and the exit code that goes with it
 * (see {@link ExitCodes}). Never carries a stack trace to the user.
 */
final class CliFailure extends RuntimeException {
    private final int exitCode;
    private final int httpStatus;

    CliFailure(int exitCode, String message) {
        this(exitCode, message, 0);
    }

    CliFailure(int exitCode, String message, int httpStatus) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.httpStatus = httpStatus;
    }

    /** The request was understood but refused, or the input is wrong: exit 1. */
    static CliFailure refused(String message) {
        return new CliFailure(ExitCodes.REFUSED, message);
    }

    /** The tracker or the agent could not be reached: exit 3. */
    static CliFailure unreachable(String message) {
        return new CliFailure(ExitCodes.UNREACHABLE, message);
    }

    /** Nobody is logged in here, the agent is gone, or the session expired: exit 4. */
    static CliFailure notLoggedIn(String message) {
        return new CliFailure(ExitCodes.NOT_LOGGED_IN, message);
    }

    int exitCode() {
        return exitCode;
    }

    /** The HTTP status of the refusal, or 0 when no service answered. */
    int httpStatus() {
        return httpStatus;
    }
}
