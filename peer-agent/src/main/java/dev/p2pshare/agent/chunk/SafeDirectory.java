package dev.p2pshare.agent.chunk;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An open folder whose entries are reached by name, never following a symbolic link: on a platform with
 * {@link SecureDirectoryStream} (Linux) every step is relative to the open folder (openat, renameat,
 * unlinkat), so a link planted along the way after the folder was opened cannot redirect anything; elsewhere
 * each step checks its entry is no link just before using it. Names are single path components.
 */
public final class SafeDirectory implements Closeable {
    private final Path path;
    /** Null where the platform has none: then entries are reached through {@code path}. */
    private final SecureDirectoryStream<Path> stream;

    private SafeDirectory(Path path, SecureDirectoryStream<Path> stream) {
        this.path = path;
        this.stream = stream;
    }

    /**
     * Opens {@code dir}, which must be a folder and not a link itself (the folders above it are the user's
     * choice and are trusted).
     */
    public static SafeDirectory open(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent == null) return top(dir);
        try (SafeDirectory above = top(parent)) {
            return above.child(dir.getFileName().toString());
        }
    }

    /** As {@link #open} without a {@link SecureDirectoryStream} even where there is one (to test that path). */
    static SafeDirectory openPlain(Path dir) throws IOException {
        refuseLink(dir);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) throw new NoSuchFileException(dir.toString());
        return new SafeDirectory(dir, null);
    }

    private static SafeDirectory top(Path dir) throws IOException {
        DirectoryStream<Path> opened = Files.newDirectoryStream(dir);
        if (opened instanceof SecureDirectoryStream<Path> secure) return new SafeDirectory(dir, secure);
        opened.close();
        return openPlain(dir);
    }

    public Path path() {
        return path;
    }

    /** The entry's attributes, not following a link; null when there is no such entry. */
    public BasicFileAttributes attributes(String name) throws IOException {
        try {
            if (stream == null) {
                return Files.readAttributes(path.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            }
            return stream.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Opens sub-folder {@code name}; refused when it is a link or not a folder (NoSuchFileException: missing). */
    public SafeDirectory child(String name) throws IOException {
        if (stream == null) {
            refuseOther(name);
            return openPlain(path.resolve(name));
        }
        try {
            return new SafeDirectory(path.resolve(name), stream.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            throw e;
        } catch (FileSystemException e) {
            refuseOther(name); // opening it with O_NOFOLLOW failed: say why
            throw e;
        }
    }

    /** Refuses entry {@code name} when it is a link or no folder; NoSuchFileException when it is missing. */
    private void refuseOther(String name) throws IOException {
        BasicFileAttributes attributes = attributes(name);
        if (attributes == null) throw new NoSuchFileException(path.resolve(name).toString());
        if (attributes.isSymbolicLink()) {
            throw new FileSystemException(path.resolve(name) + " is a symbolic link: refusing to write through it");
        }
        if (!attributes.isDirectory()) throw new FileSystemException(path.resolve(name) + " is not a folder");
    }

    /**
     * Opens sub-folder {@code name}, creating it when missing: made as {@code scratchName} in {@code scratch}
     * (a private folder) and moved in by name, so that no folder is ever made through a planted link.
     */
    public SafeDirectory childCreated(String name, SafeDirectory scratch, String scratchName) throws IOException {
        try {
            return child(name);
        } catch (NoSuchFileException e) {
            Files.createDirectory(scratch.path.resolve(scratchName));
            try {
                scratch.move(scratchName, this, name);
            } catch (IOException raced) {
                scratch.delete(scratchName); // made meanwhile by someone else: the look below decides
            }
            return child(name);
        }
    }

    /** Opens file {@code name} with {@code options} (NOFOLLOW_LINKS added). */
    public FileChannel openFile(String name, Set<? extends OpenOption> options) throws IOException {
        Set<OpenOption> noFollow = new HashSet<>(options);
        noFollow.add(LinkOption.NOFOLLOW_LINKS);
        if (stream == null) {
            refuseLink(path.resolve(name));
            return FileChannel.open(path.resolve(name), noFollow);
        }
        SeekableByteChannel channel = stream.newByteChannel(Path.of(name), noFollow);
        if (channel instanceof FileChannel file) return file;
        channel.close();
        throw new IOException("no positional access to " + path.resolve(name));
    }

    /** Renames entry {@code name} to {@code newName} in {@code target}, replacing a file (or link) there. */
    public void move(String name, SafeDirectory target, String newName) throws IOException {
        if (stream == null || target.stream == null) {
            refuseLink(target.path);
            Files.move(path.resolve(name), target.path.resolve(newName), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } else {
            stream.move(Path.of(name), target.stream, Path.of(newName));
        }
    }

    /** Deletes file, link or empty folder {@code name} (a link itself, never what it points to). */
    public void delete(String name) throws IOException {
        BasicFileAttributes attributes = attributes(name);
        if (attributes == null) return;
        if (stream == null) {
            Files.delete(path.resolve(name));
        } else if (attributes.isDirectory()) {
            stream.deleteDirectory(Path.of(name));
        } else {
            stream.deleteFile(Path.of(name));
        }
    }

    /** The names of the entries. */
    public List<String> names() throws IOException {
        List<String> names = new ArrayList<>();
        if (stream == null) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                for (Path entry : entries) names.add(entry.getFileName().toString());
            }
        } else {
            // A stream iterates once: list through a fresh one on the same folder.
            try (SecureDirectoryStream<Path> entries = stream.newDirectoryStream(Path.of("."), LinkOption.NOFOLLOW_LINKS)) {
                for (Path entry : entries) names.add(entry.getFileName().toString());
            }
        }
        return names;
    }

    private static void refuseLink(Path entry) throws IOException {
        if (Files.isSymbolicLink(entry)) {
            throw new FileSystemException(entry + " is a symbolic link: refusing to write through it");
        }
    }

    @Override
    public void close() throws IOException {
        if (stream != null) stream.close();
    }
}
