package dev.p2pshare.agent.share;

import dev.p2pshare.agent.chunk.FileStamp;
import dev.p2pshare.shared.FolderLimits;
import dev.p2pshare.shared.control.SkippedPath;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A folder on disk as it is about to be shared, walked without following symbolic links: its regular files
 * (paths relative to the root with '/' separators, in String order, each with its stamp), the folders with
 * nothing kept under them, and what was left out (links, fifos, sockets, devices).
 * {@code complete} is false when the walk stopped at {@code limits.maxFiles()} entries.
 */
record FolderTree(Path root, List<String> files, List<FileStamp> stamps, List<String> emptyFolders,
                  List<SkippedPath> skipped, boolean complete) {

    /** Walks {@code root}, stopping past {@code limits.maxFiles()} entries and one folder below {@code limits.maxDepth()}. */
    static FolderTree walk(Path root, FolderLimits limits) throws IOException {
        Walker walker = new Walker(root, limits.maxFiles());
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), limits.maxDepth() + 1, walker);
        List<String> paths = new ArrayList<>(walker.files.keySet());
        List<FileStamp> stamps = new ArrayList<>(walker.files.values());
        Collections.sort(walker.emptyFolders);
        walker.skipped.sort(Comparator.comparing(SkippedPath::path));
        return new FolderTree(root, paths, stamps, walker.emptyFolders, walker.skipped, !walker.stopped);
    }

    long size() {
        long size = 0;
        for (FileStamp stamp : stamps) size += stamp.size();
        return size;
    }

    /** The stamps of the files now (null for one gone), to compare with {@link #stamps}. */
    List<FileStamp> currentStamps() {
        List<FileStamp> now = new ArrayList<>(files.size());
        for (String file : files) now.add(FileStamp.current(root.resolve(file), LinkOption.NOFOLLOW_LINKS));
        return now;
    }

    private static final class Walker extends SimpleFileVisitor<Path> {
        private final Path root;
        private final int maxEntries;
        /** Files by relative path: String order is the manifest's order. */
        private final Map<String, FileStamp> files = new TreeMap<>();
        private final List<String> emptyFolders = new ArrayList<>();
        private final List<SkippedPath> skipped = new ArrayList<>();
        /** For each folder being walked, how many entries were kept under it. */
        private final Deque<int[]> kept = new ArrayDeque<>();
        private boolean stopped;

        Walker(Path root, int maxEntries) {
            this.root = root;
            this.maxEntries = maxEntries;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            kept.push(new int[1]);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            if (attrs.isRegularFile()) {
                files.put(relative(file), FileStamp.of(file, LinkOption.NOFOLLOW_LINKS));
            } else if (attrs.isDirectory()) {
                emptyFolders.add(relative(file)); // a folder past the depth limit: listed so that the limit names it
            } else {
                skipped.add(new SkippedPath(relative(file), kind(file, attrs)));
                return FileVisitResult.CONTINUE;
            }
            return keep();
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            throw e;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) throw e;
            int under = kept.pop()[0];
            if (dir.equals(root)) return FileVisitResult.CONTINUE;
            if (under == 0) emptyFolders.add(relative(dir));
            return keep();
        }

        /** Counts an entry kept in the current folder; stops the walk past the limit. */
        private FileVisitResult keep() {
            kept.peek()[0]++;
            if (files.size() + emptyFolders.size() <= maxEntries) return FileVisitResult.CONTINUE;
            stopped = true;
            return FileVisitResult.TERMINATE;
        }

        private String relative(Path path) {
            StringBuilder out = new StringBuilder();
            for (Path part : root.relativize(path)) {
                if (!out.isEmpty()) out.append('/');
                out.append(part);
            }
            return out.toString();
        }

        /** What a skipped entry is, for the warning: a symbolic link, or which kind of special file. */
        private static String kind(Path file, BasicFileAttributes attrs) {
            if (attrs.isSymbolicLink()) return "symbolic link";
            try {
                int type = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
                return switch (type) {
                    case 0010000 -> "fifo";
                    case 0140000 -> "socket";
                    case 0020000 -> "character device";
                    case 0060000 -> "block device";
                    default -> "special file";
                };
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return "special file";
            }
        }
    }
}
