package dev.p2pshare.agent.share;

import dev.p2pshare.agent.chunk.FileStamp;
import dev.p2pshare.agent.chunk.FolderRoot;
import dev.p2pshare.agent.chunk.HeldFile;
import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.ManifestFile;
import dev.p2pshare.shared.control.ShareInfo;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * A file or folder this agent shares, as remembered in home/shares.json: where it is, its manifest and its
 * stamp when hashed; a folder has no {@code stamp} but one in {@code stamps} for each of its files (manifest order).
 */
public record SharedFile(String group, String path, Manifest manifest, FileStamp stamp, List<FileStamp> stamps) {
    /** A single file. */
    public SharedFile(String group, String path, Manifest manifest, FileStamp stamp) {
        this(group, path, manifest, stamp, null);
    }

    public String name() {
        return manifest.name();
    }

    public ShareInfo info() {
        return new ShareInfo(group, manifest.name(), path, manifest.size(), manifest.sha256(), manifest.chunkCount(),
                manifest.isFolder(), manifest.fileCount(), manifest.isFolder() ? manifest.emptyFolders().size() : 0,
                List.of());
    }

    /** What the chunk server serves: every chunk, read from the file, or from the folder's files without following links. */
    HeldFile held() {
        Bitfield all = Bitfield.full(manifest.chunkCount());
        if (!manifest.isFolder()) return new HeldFile(group, manifest, Path.of(path), all, stamp);
        List<String> paths = manifest.files().stream().map(ManifestFile::path).toList();
        return new HeldFile(group, manifest, Path.of(path), all, new FolderRoot(Path.of(path), paths), stamps);
    }

    /**
     * Why it is no longer what was hashed ("changed on disk", "raw/a.jpg gone from disk"), or null while every
     * stamp still matches.
     */
    String changeOnDisk() {
        if (!manifest.isFolder()) return stamp != null && stamp.stillMatches(Path.of(path)) ? null : change(Path.of(path), "");
        if (stamps == null || stamps.size() != manifest.files().size()) return "changed on disk";
        for (int i = 0; i < stamps.size(); i++) {
            String file = manifest.files().get(i).path();
            Path onDisk = Path.of(path).resolve(file);
            if (!stamps.get(i).stillMatches(onDisk, LinkOption.NOFOLLOW_LINKS)) return change(onDisk, file + " ");
        }
        return null;
    }

    private static String change(Path onDisk, String which) {
        return which + (Files.exists(onDisk, LinkOption.NOFOLLOW_LINKS) ? "changed on disk" : "gone from disk");
    }
}
