package dev.p2pshare.agent.chunk;

import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;

import java.nio.file.Path;

/**
 * A file whose chunks this agent serves in {@code group}: a shared file (every chunk held, {@code stamp}
 * set: served only while the file still has that size and modification time) or a download in progress
 * ({@code held} grows as chunks are verified, {@code stamp} null: the agent writes the file itself).
 */
public record HeldFile(String group, Manifest manifest, Path path, Bitfield held, FileStamp stamp) {
    public String sha256() {
        return manifest.sha256();
    }
}
