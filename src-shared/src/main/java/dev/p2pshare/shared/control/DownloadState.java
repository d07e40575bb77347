package dev.p2pshare.shared.control;

public enum DownloadState {
    RUNNING, PAUSED, COMPLETE, FAILED;

    /** Over, with nothing left to resume: what {@code DELETE /control/downloads} forgets. */
    public boolean finished() {
        return this == COMPLETE || this == FAILED;
    }
}
