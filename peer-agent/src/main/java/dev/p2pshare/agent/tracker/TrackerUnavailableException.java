package dev.p2pshare.agent.tracker;

/** No tracker of the session could be reached, or every one failed with a server error. */
public class TrackerUnavailableException extends RuntimeException {
    public TrackerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
