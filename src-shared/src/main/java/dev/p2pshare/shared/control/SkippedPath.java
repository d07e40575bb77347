package dev.p2pshare.shared.control;

/** An entry of a shared folder left out, with why: {@code "symbolic link"}, {@code "fifo"}, {@code "socket"}, ... */
public record SkippedPath(String path, String reason) {
    @Override
    public String toString() {
        return path + " (" + reason + ")";
    }
}
