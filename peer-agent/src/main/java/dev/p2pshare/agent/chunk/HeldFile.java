package dev.p2pshare.agent.chunk;

import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file whose chunks this agent serves in {@code group}: a shared file (every chunk held, {@code stamp}
 * set: served only while the file still has that size and modification time) or a download in progress
 * ({@code held} grows as chunks are verified, {@code stamp} null: the agent writes the file itself). A
 * folder's files are opened through {@code folderFiles} ({@code path} is the folder).
 */
public record HeldFile(String group, Manifest manifest, Path path, Bitfield held, FileStamp stamp,
                       ChunkStore.FolderFiles folderFiles) {
    /** A single file. */
    public HeldFile(String group, Manifest manifest, Path path, Bitfield held, FileStamp stamp) {
        this(group, manifest, path, held, stamp, null);
    }

    public String sha256() {
        return manifest.sha256();
    }

    /** Opens its chunks for reading: the file at {@code path}, or a folder's files through {@code folderFiles}. */
    public ChunkStore openForReading() throws IOException {
        return folderFiles == null ? ChunkStore.openForReading(path, manifest)
                : ChunkStore.openFolder(manifest, folderFiles, null);
    }
}
