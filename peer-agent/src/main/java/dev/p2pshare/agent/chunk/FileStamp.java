package dev.p2pshare.agent.chunk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** A file's size and modification time: cheap evidence that a shared file is still what was hashed. */
public record FileStamp(long size, long modifiedMillis) {
    public static FileStamp of(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileStamp(attributes.size(), attributes.lastModifiedTime().toMillis());
    }

    /** The file's stamp now, or null when it is gone or unreadable. */
    public static FileStamp current(Path file) {
        try {
            return of(file);
        } catch (IOException e) {
            return null;
        }
    }
}
