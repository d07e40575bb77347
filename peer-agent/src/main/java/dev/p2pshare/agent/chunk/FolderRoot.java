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
        if (write) throw new IOException("a shared folder is only read: " + root);
        String[] parts = paths.get(file).split("/");
        try (DirectoryStream<Path> top = Files.newDirectoryStream(root)) {
            if (top instanceof SecureDirectoryStream<Path> secure) return open(secure, parts, 0);
        }
        return openChecked(parts);
    }

    private static FileChannel open(SecureDirectoryStream<Path> dir, String[] parts, int index) throws IOException {
        Path name = Path.of(parts[index]);
        if (index < parts.length - 1) {
            try (SecureDirectoryStream<Path> next = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                return open(next, parts, index + 1);
            }
        }
        SeekableByteChannel channel = dir.newByteChannel(name, READ);
        if (channel instanceof FileChannel file) return file;
        channel.close();
        throw new IOException("no file channel for " + name);
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
