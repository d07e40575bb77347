package dev.p2pshare.agent.chunk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cheap evidence that a shared file is still what was hashed: its size and modification time, which
 * anyone may set back, and its status-change time (ctime) and file identity, which no one can: every
 * write, {@code touch -d}, rename over it or {@code chmod} moves the ctime. {@code changedNanos} is 0 and
 * {@code fileKey} null where the platform does not tell them (or in a stamp saved by an older agent).
 */
public record FileStamp(long size, long modifiedMillis, long changedNanos, String fileKey) {

    /** How a file's stamp now compares with the one taken when it was hashed. */
    public enum Check {
        /** Size, modification and change time, identity: all as hashed. The bytes are the hashed ones. */
        UNCHANGED,
        /** Size and modification time as hashed, but the rest differs or is unknown: check the bytes read. */
        UNCERTAIN,
        /** Different size or modification time, or gone: not the hashed file any more. */
        CHANGED
    }

    /** The stamp of {@code file}; {@code options} NOFOLLOW_LINKS takes a symbolic link's own (a folder's files). */
    public static FileStamp of(Path file, LinkOption... options) throws IOException {
        Map<String, Object> unix;
        try {
            // One stat for all four: the chunk server takes a stamp for every chunk it serves.
            unix = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,fileKey", options);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // No "unix" attribute view here (Windows): size and modification time are all there is.
            BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class, options);
            return new FileStamp(basic.size(), basic.lastModifiedTime().toMillis(), 0, keyOf(basic.fileKey()));
        }
        return new FileStamp((Long) unix.get("size"), ((FileTime) unix.get("lastModifiedTime")).toMillis(),
                ((FileTime) unix.get("ctime")).to(TimeUnit.NANOSECONDS), keyOf(unix.get("fileKey")));
    }

    private static String keyOf(Object fileKey) {
        return fileKey == null ? null : fileKey.toString();
    }

    /** The file's stamp now, or null when it is gone or unreadable. */
    public static FileStamp current(Path file, LinkOption... options) {
        try {
            return of(file, options);
        } catch (IOException e) {
            return null;
        }
    }

    /** Compares {@code now} (null: the file is gone) with this stamp, taken when the file was hashed. */
    public Check check(FileStamp now) {
        if (now == null || now.size != size || now.modifiedMillis != modifiedMillis) return Check.CHANGED;
        boolean sameChange = changedNanos != 0 && now.changedNanos == changedNanos;
        boolean sameFile = fileKey != null && fileKey.equals(now.fileKey);
        return sameChange && sameFile ? Check.UNCHANGED : Check.UNCERTAIN;
    }

    /** {@link #check} of the file at {@code path} now. */
    public Check check(Path path, LinkOption... options) {
        return check(current(path, options));
    }

    /** True unless the file is gone or its size or modification time moved. */
    public boolean stillMatches(Path path, LinkOption... options) {
        return check(path, options) != Check.CHANGED;
    }
}
