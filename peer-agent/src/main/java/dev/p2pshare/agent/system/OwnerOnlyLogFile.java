package dev.p2pshare.agent.system;

import ch.qos.logback.core.rolling.RollingFileAppender;
import dev.p2pshare.shared.OwnerOnlyFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Spring Boot's rolling log file, but owner-only: the log names shares, groups and peers, so agent.log
 * (the first one and each new one after a roll-over) is created with mode 0600 and never through a link.
 * Rolled-over files keep that mode, as they are renamed, not copied (logback-spring.xml: no compression).
 */
public class OwnerOnlyLogFile<E> extends RollingFileAppender<E> {
    @Override
    public void openFile(String fileName) throws IOException {
        Path file = Path.of(fileName).toAbsolutePath();
        if (!Files.isDirectory(file.getParent())) OwnerOnlyFiles.createFolder(file.getParent());
        OwnerOnlyFiles.createFile(file);
        super.openFile(fileName);
    }
}
