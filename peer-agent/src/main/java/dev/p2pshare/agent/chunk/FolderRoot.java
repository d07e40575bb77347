package dev.p2pshare.agent.chunk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A shared folder's files on disk, opened for reading only and never through a symbolic link: every
 * folder on the way from the root and the file itself are opened relative to the one before without
 * following links (openat with O_NOFOLLOW, through a {@link SecureDirectoryStream}), so a file or folder
 * replaced by a link after sharing makes the open fail instead of reading outside the tree.
 */
public final class FolderRoot implements ChunkStore.FolderFiles {
    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private final Path root;
    private final List<String> paths;

    /** {@code paths}: the folder's files in manifest order, relative to {@code root} with '/' separators. */
    public FolderRoot(Path root, List<String> paths) {
        this.root = root;
        this.paths = List.copyOf(paths);
    }

    @Override
    public FileChannel open(int file, boolean write) throws IOException {
        try (Walk walk = new Walk()) {
            return walk.open(file, write);
        }
    }

    /** A chunk's files are neighbours in the tree: one store walks to them keeping the folders on the way open. */
    @Override
    public ChunkStore.Opener opener() {
        return new Walk();
    }

    /**
     * Opens files one after another, keeping the folders on the way to the last one open until closed: the
     * next file opens from the deepest folder the two paths share (one at a time: not for several threads).
     */
    private final class Walk implements ChunkStore.Opener {
        /** The root, then each folder of {@code names} in it, open; empty until the first file. */
        private final List<SecureDirectoryStream<Path>> folders = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        /** Set where the platform has no openat. */
        private boolean plain;

        @Override
        public FileChannel open(int file, boolean write) throws IOException {
            if (write) throw new IOException("a shared folder is only read: " + root);
            String[] parts = paths.get(file).split("/");
            if (folders.isEmpty() && !plain) {
                DirectoryStream<Path> top = Files.newDirectoryStream(root);
                if (top instanceof SecureDirectoryStream<Path> secure) {
                    folders.add(secure);
                } else {
                    top.close();
                    plain = true;
                }
            }
            if (plain) return openChecked(parts);
            int shared = 0;
            while (shared < names.size() && shared < parts.length - 1 && names.get(shared).equals(parts[shared])) shared++;
            while (names.size() > shared) {
                names.remove(names.size() - 1);
                folders.remove(folders.size() - 1).close();
            }
            for (int d = shared; d < parts.length - 1; d++) {
                folders.add(deepest().newDirectoryStream(Path.of(parts[d]), LinkOption.NOFOLLOW_LINKS));
                names.add(parts[d]);
            }
            Path name = Path.of(parts[parts.length - 1]);
            SeekableByteChannel channel = deepest().newByteChannel(name, READ);
            if (channel instanceof FileChannel opened) return opened;
            channel.close();
            throw new IOException("no file channel for " + name);
        }

        private SecureDirectoryStream<Path> deepest() {
            return folders.get(folders.size() - 1);
        }

        @Override
        public void close() throws IOException {
            IOException failure = null;
            while (!folders.isEmpty()) {
                try {
                    folders.remove(folders.size() - 1).close();
                } catch (IOException e) {
                    failure = e;
                }
            }
            names.clear();
            if (failure != null) throw failure;
        }
    }

    /** Where the platform has no openat: each folder on the way checked, then the file opened without following a link. */
    private FileChannel openChecked(String[] parts) throws IOException {
        Path path = root;
        for (int i = 0; i < parts.length - 1; i++) {
            path = path.resolve(parts[i]);
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) throw new IOException(path + " is not a folder");
        }
        return FileChannel.open(path.resolve(parts[parts.length - 1]), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }
}
