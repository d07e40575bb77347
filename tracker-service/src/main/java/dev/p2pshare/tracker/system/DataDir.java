package dev.p2pshare.tracker.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The tracker's data folder ({@code p2p.tracker.data-dir}: the H2 database, the grant signing key), for its
 * owner only: made 0700, its files 0600. A folder or secret file that group or others may open stops the
 * tracker at start with a {@link UnsafePermissionsException} saying which chmod fixes it, rather than
 * silently running with a key anyone on the machine could sign grants with. On file systems without
 * POSIX permissions the checks are skipped.
 */
@Component
public class DataDir {
    private static final Logger log = LoggerFactory.getLogger(DataDir.class);
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;

    public DataDir(TrackerProperties properties) {
        this.dir = properties.dataDir().toAbsolutePath().normalize();
        try {
            if (Files.notExists(dir)) {
                Files.createDirectories(dir.getParent());
                createOwnerOnlyFolder(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the tracker data folder " + dir + ": " + e.getMessage(), e);
        }
        requireOwnerOnly(dir, "700");
    }

    public Path path() {
        return dir;
    }

    /** Stops the tracker when {@code file} (in this folder) is open to group or others. */
    public void requireOwnerOnly(Path file) {
        requireOwnerOnly(file, "600");
    }

    /** Writes {@code bytes} to {@code file} in this folder as a whole (readers see the old or the new), mode 0600. */
    public void writeOwnerOnly(Path file, byte[] bytes) {
        Path temp = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.deleteIfExists(temp);
            if (posix()) {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_FILE));
                Files.setPosixFilePermissions(temp, OWNER_FILE); // whatever the umask
            }
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The database creates its files with the process's umask (0644 as a rule); once it is open they are
     * made 0600. The folder is 0700 all along, so nobody else could open them in between.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void tightenFiles() {
        if (!posix()) return;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file) && !Files.getPosixFilePermissions(file).equals(OWNER_FILE)) {
                    Files.setPosixFilePermissions(file, OWNER_FILE);
                }
            }
        } catch (IOException e) {
            log.warn("cannot make the files of {} readable by their owner only: {}", dir, e.getMessage());
        }
    }

    private void requireOwnerOnly(Path path, String mode) {
        if (!posix()) return;
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            for (PosixFilePermission permission : permissions) {
                if (!permission.name().startsWith("OWNER_")) throw new UnsafePermissionsException(path, mode);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the permissions of " + path + ": " + e.getMessage(), e);
        }
    }

    private static void createOwnerOnlyFolder(Path folder) throws IOException {
        try {
            if (posix()) {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
                Files.setPosixFilePermissions(folder, OWNER_FOLDER); // whatever the umask
            } else {
                Files.createDirectory(folder);
            }
        } catch (FileAlreadyExistsException raced) {
            // another instance sharing this folder made it meanwhile; its permissions are checked next
        }
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** A secret file or its folder is open to group or others. */
    public static final class UnsafePermissionsException extends IllegalStateException {
        private final transient Path path;
        private final String mode;

        UnsafePermissionsException(Path path, String mode) {
            super(path + " may be read by other users of this machine; run: chmod " + mode + " " + path);
            this.path = path;
            this.mode = mode;
        }

        public String fix() {
            return "chmod " + mode + " " + path;
        }
    }
}
