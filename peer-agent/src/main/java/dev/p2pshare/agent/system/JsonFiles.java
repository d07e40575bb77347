package dev.p2pshare.agent.system;

import dev.p2pshare.shared.OwnerOnlyFiles;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /** Replaces {@code file} atomically with {@code bytes}, readable by the owner only (see {@link OwnerOnlyFiles#write}). */
    public static void writeOwnerOnly(Path file, byte[] bytes) {
        try {
            OwnerOnlyFiles.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
