package dev.p2pshare.shared.control;

public enum DownloadState {
    RUNNING, PAUSED, COMPLETE, FAILED
}
