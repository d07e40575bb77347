package dev.p2pshare.agent.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerOnlyLogFileTest {
    @TempDir
    Path dir;

    @Test
    void theLogAndEveryRolledOverLogAreOwnerOnlyAndNoLinkIsFollowed() throws Exception {
        Path home = dir.resolve(".p2p");
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.txt"), "not a log\n");
        Files.createDirectories(home);
        Path log = Files.createSymbolicLink(home.resolve("agent.log"), elsewhere);
        LoggerContext context = new LoggerContext();
        OwnerOnlyLogFile<ILoggingEvent> appender = new OwnerOnlyLogFile<>();
        appender.setContext(context);
        appender.setFile(log.toString());
        // Rolled over by renaming, as logback-spring.xml does it (there by size and date, here on demand).
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(log + ".%i");
        rolling.start();
        appender.setRollingPolicy(rolling);
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setMaxFileSize(FileSize.valueOf("10MB"));
        trigger.setContext(context);
        trigger.start();
        appender.setTriggeringPolicy(trigger);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        try {
            for (int roll = 0; roll < 3; roll++) {
                appender.doAppend(new LoggingEvent("test", context.getLogger("test"), Level.INFO, "line " + roll, null, null));
                appender.rollover();
            }
        } finally {
            appender.stop();
        }

        assertThat(elsewhere).hasContent("not a log");
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.toList()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(file -> {
                assertThat(Files.isSymbolicLink(file)).as(file.toString()).isFalse();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)))
                        .as(file.toString()).isEqualTo("rw-------");
            });
        }
    }
}
