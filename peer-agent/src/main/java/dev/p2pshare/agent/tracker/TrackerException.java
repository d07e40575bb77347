package dev.p2pshare.agent.tracker;

/** The tracker answered with an error status (4xx): {@code status} and its one-line {@code detail}. */
public class TrackerException extends RuntimeException {
    private final int status;

    public TrackerException(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
