package dev.p2pshare.agent.system;

import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** JSON state files in the agent's home, always replaced atomically and readable by the owner only. */
@Component
public class JsonFiles {
    private final JsonMapper json;

    public JsonFiles(JsonMapper json) {
        this.json = json;
    }

    public <T> T read(Path file, Class<T> type) {
        try {
            return json.readValue(Files.readAllBytes(file), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public <T> T read(Path file, TypeReference<T> type) {
        try {
            return json.readValue(Files.readAllBytes(file), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public void write(Path file, Object value) {
        writeOwnerOnly(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
    }

    /** Writes bytes to a temp file of mode 0600 beside {@code file}, then moves it over {@code file}. */
    public static void writeOwnerOnly(Path file, byte[] bytes) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
