package dev.p2pshare.agent.system;

import dev.p2pshare.shared.OwnerOnlyFiles;
import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.SessionFiles;
import dev.p2pshare.shared.control.SessionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The session folder this agent belongs to: holds the lock that keeps a second agent off it, the
 * control secret, the endpoint file the CLI looks for, and the session the CLI wrote on login.
 */
@Component
public class AgentHome implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentHome.class);
    private static final String LOCK = "agent.lock";

    private final JsonFiles files;
    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final String secret;
    private volatile SessionInfo session;
    private volatile FileTime sessionTime;

    public AgentHome(AgentSettings settings, JsonFiles files) {
        this.files = files;
        this.dir = settings.home();
        try {
            if (OwnerOnlyFiles.createFolder(dir)) log.warn("{} was open to other users: narrowed to mode 0700", dir);
            Path lockFile = dir.resolve(LOCK);
            OwnerOnlyFiles.createFile(lockFile);
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            FileLock acquired;
            try {
                acquired = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                acquired = null;
            }
            if (acquired == null) {
                lockChannel.close();
                throw new IllegalStateException("another agent is already running on " + dir);
            }
            lock = acquired;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use agent home " + dir, e);
        }
        reloadSession();
        if (session == null) {
            close();
            throw new IllegalStateException("no " + SessionFiles.SESSION + " in " + dir + ": log in first");
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        JsonFiles.writeOwnerOnly(dir.resolve(SessionFiles.SECRET), (secret + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public String secret() {
        return secret;
    }

    public SessionInfo session() {
        return session;
    }

    /** Re-reads session.json when the CLI has rewritten it (a new login); returns true when it changed. */
    public synchronized boolean reloadSession() {
        Path file = dir.resolve(SessionFiles.SESSION);
        try {
            FileTime time = Files.getLastModifiedTime(file);
            if (time.equals(sessionTime)) return false;
            SessionInfo read = files.read(file, SessionInfo.class);
            if (read.trackers().isEmpty() || read.token() == null) {
                throw new IllegalStateException(file + " names no tracker or no token");
            }
            session = read;
            sessionTime = time;
            return true;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) return false;
            log.warn("cannot read {}: {}", file, e.getMessage());
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Narrows everything in the folder to the owner (files 0600, folders 0700; links left alone, never
     * followed): state an older version or another program left readable, and folders made since start.
     */
    public void narrowContents() {
        try {
            OwnerOnlyFiles.narrowTree(dir);
        } catch (IOException e) {
            log.warn("cannot make everything in {} owner-only: {}", dir, e.getMessage());
        }
    }

    public void writeEndpoint(AgentEndpoint endpoint) {
        files.write(dir.resolve(SessionFiles.ENDPOINT), endpoint);
    }

    public void deleteEndpoint() {
        try {
            Files.deleteIfExists(dir.resolve(SessionFiles.ENDPOINT));
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", SessionFiles.ENDPOINT, e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null && lock.isValid()) lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log.warn("cannot release the agent lock: {}", e.getMessage());
        }
    }
}
