package dev.p2pshare.agent.chunk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class FileStampTest {
    @TempDir
    Path dir;

    @Test
    void anUntouchedFileIsUnchanged() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "hello");
        FileStamp hashed = FileStamp.of(file);
        assertThat(hashed.check(file)).isEqualTo(FileStamp.Check.UNCHANGED);
        Files.readString(file);
        assertThat(hashed.check(file)).as("reading changes nothing").isEqualTo(FileStamp.Check.UNCHANGED);
    }

    @Test
    void anotherSizeOrModificationTimeOrNoFileIsChanged() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "hello");
        FileStamp hashed = FileStamp.of(file);
        Files.setLastModifiedTime(file, FileTime.fromMillis(hashed.modifiedMillis() + 5000));
        assertThat(hashed.check(file)).isEqualTo(FileStamp.Check.CHANGED);

        Path other = Files.writeString(dir.resolve("g"), "hello");
        FileStamp before = FileStamp.of(other);
        Files.writeString(other, "hello!");
        Files.setLastModifiedTime(other, FileTime.fromMillis(before.modifiedMillis()));
        assertThat(before.check(other)).isEqualTo(FileStamp.Check.CHANGED);

        Files.delete(other);
        assertThat(before.check(other)).isEqualTo(FileStamp.Check.CHANGED);
    }

    @Test
    void bytesRewrittenWithTheOldModificationTimeAreUncertain() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "hello");
        FileStamp hashed = FileStamp.of(file);
        Thread.sleep(20);
        Files.writeString(file, "jello");
        Files.setLastModifiedTime(file, FileTime.fromMillis(hashed.modifiedMillis()));
        assertThat(hashed.check(file)).as("the change time moved").isEqualTo(FileStamp.Check.UNCERTAIN);
    }

    @Test
    void aSameLookingFileMovedIntoPlaceOrAChmodIsUncertain() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "hello");
        FileStamp hashed = FileStamp.of(file);
        Path twin = Files.writeString(dir.resolve("twin"), "jello");
        Files.setLastModifiedTime(twin, FileTime.fromMillis(hashed.modifiedMillis()));
        Files.move(twin, file, StandardCopyOption.REPLACE_EXISTING);
        assertThat(hashed.check(file)).as("another inode").isEqualTo(FileStamp.Check.UNCERTAIN);

        FileStamp again = FileStamp.of(file);
        Thread.sleep(20);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(again.check(file)).isEqualTo(FileStamp.Check.UNCERTAIN);
    }

    @Test
    void aStampSavedWithoutChangeTimeOrIdentityIsUncertainNeverUnchanged() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "hello");
        FileStamp now = FileStamp.of(file);
        FileStamp old = new FileStamp(now.size(), now.modifiedMillis(), 0, null);
        assertThat(old.check(file)).isEqualTo(FileStamp.Check.UNCERTAIN);
    }
}
