package dev.p2pshare.cli;

import dev.p2pshare.shared.OwnerOnlyFiles;
import dev.p2pshare.shared.control.AgentEndpoint;
import dev.p2pshare.shared.control.SessionFiles;
import dev.p2pshare.shared.control.SessionInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A session folder ({@code .p2p/}): who is logged in from here (session.json, written by the CLI) and
 * where this folder's agent listens (agent.json and agent.secret, written by the agent).
 */
final class SessionFolder {
    /** Written by the CLI on login (mode 0600): the {@link PasswordCheck} of the password logged in with. */
    static final String PASSWORD_CHECK = "login.check";

    private final Path dir;
    private final Json json;

    SessionFolder(Path dir, Json json) {
        this.dir = dir.toAbsolutePath().normalize();
        this.json = json;
    }

    Path dir() {
        return dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /**
     * Makes the folder exist, readable by its owner only (mode 0700). Returns true when it existed open to
     * group or others and had to be narrowed.
     */
    boolean create() {
        try {
            return OwnerOnlyFiles.createFolder(dir);
        } catch (IOException e) {
            throw CliFailure.refused("cannot use " + dir + " as the session folder: " + HttpApi.describe(e));
        }
    }

    /**
     * Narrows the folder to mode 0700 if it exists and group or others could use it; true when that
     * happened. A missing folder is left alone (logging in creates it once the tracker said yes).
     */
    boolean narrowIfOpen() {
        return Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && create();
    }

    /** Makes {@code name} in this folder an owner-only file (empty if new), for another program to write into. */
    Path ownerOnlyFile(String name) {
        Path file = file(name);
        try {
            OwnerOnlyFiles.createFile(file);
            return file;
        } catch (IOException e) {
            throw CliFailure.refused("cannot create " + file + ": " + HttpApi.describe(e));
        }
    }

    Optional<SessionInfo> session() {
        return readJson(SessionFiles.SESSION, SessionInfo.class);
    }

    /** Writes session.json with mode 0600 from the start (never readable by others, not even briefly). */
    void saveSession(SessionInfo session) {
        create();
        try {
            OwnerOnlyFiles.write(file(SessionFiles.SESSION), json.write(session).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw CliFailure.refused("cannot write " + file(SessionFiles.SESSION) + ": " + HttpApi.describe(e));
        }
    }

    /** Keeps the {@link PasswordCheck} of the password the session was logged in with, mode 0600 from the start. */
    void savePasswordCheck(String check) {
        try {
            OwnerOnlyFiles.write(file(PASSWORD_CHECK), check.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw CliFailure.refused("cannot write " + file(PASSWORD_CHECK) + ": " + HttpApi.describe(e));
        }
    }

    /** The saved {@link PasswordCheck}; empty when the session was logged in by a version that kept none. */
    Optional<String> passwordCheck() {
        try {
            return Optional.of(Files.readString(file(PASSWORD_CHECK), StandardCharsets.UTF_8));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw CliFailure.refused("cannot read " + file(PASSWORD_CHECK) + ": " + HttpApi.describe(e));
        }
    }

    /** Forgets the session: session.json and the password check. */
    void deleteSession() {
        for (String name : new String[]{SessionFiles.SESSION, PASSWORD_CHECK}) {
            try {
                Files.deleteIfExists(file(name));
            } catch (IOException e) {
                throw CliFailure.refused("cannot remove " + file(name) + ": " + HttpApi.describe(e));
            }
        }
    }

    /** The endpoint agent.json announces, when the process it names is alive. */
    Optional<AgentEndpoint> runningAgent() {
        return readJson(SessionFiles.ENDPOINT, AgentEndpoint.class).filter(endpoint -> isAlive(endpoint.pid()));
    }

    /** The control API secret the agent wrote. */
    String secret() {
        try {
            return Files.readString(file(SessionFiles.SECRET), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw CliFailure.refused("cannot read the agent secret " + file(SessionFiles.SECRET) + ": " + HttpApi.describe(e));
        }
    }

    /**
     * Whether process {@code pid} still runs. A zombie does not: the agent is detached, and where the
     * process it is handed to never reaps it (some containers' init), it stays a zombie for good, which
     * ProcessHandle still calls alive.
     */
    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !isZombie(pid);
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            int endOfName = stat.lastIndexOf(')');
            return endOfName > 0 && endOfName + 2 < stat.length() && stat.charAt(endOfName + 2) == 'Z';
        } catch (IOException | SecurityException e) {
            return false; // no /proc (macOS): ProcessHandle's answer stands
        }
    }

    private <T> Optional<T> readJson(String name, Class<T> type) {
        Path path = file(name);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw CliFailure.refused("cannot read " + path + ": " + HttpApi.describe(e));
        }
        if (text.isBlank()) return Optional.empty(); // being written right now
        return Optional.of(json.read(text, type, path.toString()));
    }
}
