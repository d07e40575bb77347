package dev.p2pshare.shared;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * Files and folders only their owner can read: created with mode 0600 (folders 0700) from the first
 * instant, never through a symbolic link someone planted, and replaced atomically so a reader sees the
 * old content or the new, never half of it. Where the file system has no POSIX modes, only the
 * atomicity and the link rule hold.
 */
public final class OwnerOnlyFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private OwnerOnlyFiles() {
    }

    /**
     * Replaces {@code file} with {@code bytes}: a fresh temp file of mode 0600 in the same folder (created
     * new, so never an existing file or link), written, forced to disk, then moved over {@code file} in
     * one atomic step (which replaces a link at {@code file} rather than writing through it).
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        Path temp = file.resolveSibling("." + file.getFileName() + "." + HexFormat.of().formatHex(random) + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                fileMode())) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) channel.write(buffer);
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * Makes {@code file} an empty owner-only file unless it already is a regular file, which is then
     * narrowed to mode 0600. A link in its place is removed first: whoever opens {@code file} next writes
     * into a file of its own, not wherever the link pointed.
     */
    public static void createFile(Path file) throws IOException {
        BasicFileAttributes existing = attributes(file);
        if (existing != null && existing.isRegularFile()) {
            narrow(file, FILE_MODE);
            return;
        }
        if (existing != null) {
            if (existing.isDirectory()) throw new FileAlreadyExistsException(file.toString(), null, "a folder is in the way");
            Files.delete(file); // a link (to anything) or a special file
        }
        try {
            Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), fileMode()).close();
        } catch (FileAlreadyExistsException raced) {
            createFile(file);
        }
    }

    /**
     * Makes {@code folder} (and any missing parents, with the usual modes) exist with mode 0700. An
     * existing folder that group or others could use is narrowed to 0700; returns true when that
     * happened, so the caller can say so. A link or a file in its place is refused.
     */
    public static boolean createFolder(Path folder) throws IOException {
        BasicFileAttributes existing = attributes(folder);
        if (existing == null) {
            if (folder.getParent() != null) Files.createDirectories(folder.getParent());
            try {
                Files.createDirectory(folder, POSIX ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(FOLDER_MODE)}
                        : new FileAttribute<?>[0]);
                return false;
            } catch (FileAlreadyExistsException raced) {
                existing = attributes(folder);
            }
        }
        if (existing == null || !existing.isDirectory()) {
            throw new FileAlreadyExistsException(folder.toString(), null, "not a folder (a link or a file is in the way)");
        }
        return narrow(folder, FOLDER_MODE);
    }

    /** Narrows every file under {@code folder} to 0600 and every folder to 0700; links are neither followed nor changed. */
    public static void narrowTree(Path folder) throws IOException {
        if (!POSIX) return;
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                narrow(dir, FOLDER_MODE);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) narrow(file, FILE_MODE);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // gone meanwhile (a temp file renamed)
            }
        });
    }

    /** Mode 0600 for a file being created, where the file system knows modes. */
    public static FileAttribute<?>[] fileMode() {
        return POSIX ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(FILE_MODE)} : new FileAttribute<?>[0];
    }

    /** Removes every group and others permission of {@code path} (not following links); true if it had any. */
    private static boolean narrow(Path path, Set<PosixFilePermission> ownerMode) throws IOException {
        if (!POSIX) return false;
        Set<PosixFilePermission> current = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .permissions();
        boolean open = current.stream().anyMatch(GROUP_OR_OTHERS::contains);
        if (open || !current.containsAll(ownerMode)) Files.setPosixFilePermissions(path, ownerMode);
        return open;
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }
}
