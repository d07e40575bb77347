package dev.p2pshare.agent.chunk;

import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * A file whose chunks this agent serves in {@code group}: a shared file (every chunk held, {@code stamp}
 * set: served only while the file still has that size and modification time) or a download in progress
 * ({@code held} grows as chunks are verified, {@code stamp} null: the agent writes the file itself). A
 * folder's files are opened through {@code folderFiles} ({@code path} is the folder) and lie as {@code layout}
 * says (worked out once, not for every chunk request); a shared folder has a stamp for each of its files in
 * {@code folderStamps} (manifest order), a download none.
 */
public record HeldFile(String group, Manifest manifest, Path path, Bitfield held, FileStamp stamp,
                       ChunkStore.FolderFiles folderFiles, List<FileStamp> folderStamps, FolderLayout layout) {
    public HeldFile {
        if ((folderFiles == null) != (layout == null) || (layout != null && layout.manifest() != manifest)) {
            throw new IllegalArgumentException("a folder needs its files and its layout, a file neither");
        }
    }

    /** A single file. */
    public HeldFile(String group, Manifest manifest, Path path, Bitfield held, FileStamp stamp) {
        this(group, manifest, path, held, stamp, null, null, null);
    }

    /** A shared folder. */
    public HeldFile(String group, Manifest manifest, Path path, Bitfield held, ChunkStore.FolderFiles folderFiles,
                    List<FileStamp> folderStamps) {
        this(group, manifest, path, held, null, folderFiles, folderStamps, new FolderLayout(manifest));
    }

    public String sha256() {
        return manifest.sha256();
    }

    /** True for a shared file or folder (every chunk held, stamped when hashed), false for a download in progress. */
    public boolean shared() {
        return stamp != null || folderStamps != null;
    }

    /** Opens its chunks for reading: the file at {@code path}, or a folder's files through {@code folderFiles}. */
    public ChunkStore openForReading() throws IOException {
        return folderFiles == null ? ChunkStore.openForReading(path, manifest)
                : ChunkStore.openFolder(layout, folderFiles, null);
    }

    /**
     * How the files chunks {@code first} to {@code first + count - 1} lie in compare with their stamps when
     * hashed: the worst of them (UNCERTAIN without stamps, a download's file).
     */
    public FileStamp.Check check(int first, int count) {
        if (folderStamps == null) return stamp == null ? FileStamp.Check.UNCERTAIN : stamp.check(path);
        FileStamp.Check worst = FileStamp.Check.UNCHANGED;
        int lastFile = -1;
        for (int chunk = first; chunk < first + count; chunk++) {
            for (FolderLayout.Span span : layout.spans(chunk)) {
                if (span.file() <= lastFile) continue; // a file the run's chunk before lies in too
                lastFile = span.file();
                Path file = path.resolve(manifest.files().get(span.file()).path());
                FileStamp.Check check = folderStamps.get(span.file()).check(file, LinkOption.NOFOLLOW_LINKS);
                if (check == FileStamp.Check.CHANGED) return check;
                if (check == FileStamp.Check.UNCERTAIN) worst = check;
            }
        }
        return worst;
    }
}
