package dev.p2pshare.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnerOnlyFilesTest {
    @TempDir
    Path dir;

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void writeReplacesTheFileAtOnceWithModeOwnerOnlyAndLeavesNoTempFile() throws Exception {
        Path file = dir.resolve("session.json");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnlyFiles.write(file, "new".getBytes());

        assertThat(file).hasContent("new");
        assertThat(mode(file)).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void writeReplacesALinkInsteadOfWritingWhereItPoints() throws Exception {
        Path target = Files.writeString(dir.resolve("victim"), "precious");
        Path file = Files.createSymbolicLink(dir.resolve("agent.json"), target);

        OwnerOnlyFiles.write(file, "mine".getBytes());

        assertThat(target).hasContent("precious");
        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(file).hasContent("mine");
    }

    @Test
    void createFileMakesAnEmptyOwnerOnlyFileNarrowsAnOpenOneAndDropsALink() throws Exception {
        Path log = dir.resolve("agent.log");
        OwnerOnlyFiles.createFile(log);
        assertThat(log).isEmptyFile();
        assertThat(mode(log)).isEqualTo("rw-------");

        Files.writeString(log, "kept");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
        OwnerOnlyFiles.createFile(log);
        assertThat(log).hasContent("kept");
        assertThat(mode(log)).isEqualTo("rw-------");

        Path target = Files.writeString(dir.resolve("victim"), "precious");
        Path linked = Files.createSymbolicLink(dir.resolve("linked.log"), target);
        OwnerOnlyFiles.createFile(linked);
        assertThat(Files.isSymbolicLink(linked)).isFalse();
        assertThat(mode(linked)).isEqualTo("rw-------");
        assertThat(mode(target)).isNotEqualTo("rw-------");
        assertThat(target).hasContent("precious");
    }

    @Test
    void createFolderMakesItOwnerOnlyAndSaysWhenItHadToNarrowAnOpenOne() throws Exception {
        Path folder = dir.resolve("a/b/.p2p");
        assertThat(OwnerOnlyFiles.createFolder(folder)).isFalse();
        assertThat(mode(folder)).isEqualTo("rwx------");
        assertThat(OwnerOnlyFiles.createFolder(folder)).isFalse();

        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(OwnerOnlyFiles.createFolder(folder)).isTrue();
        assertThat(mode(folder)).isEqualTo("rwx------");
    }

    @Test
    void createFolderRefusesALinkInItsPlace() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(dir.resolve(".p2p"), elsewhere);

        assertThatThrownBy(() -> OwnerOnlyFiles.createFolder(link)).hasMessageContaining("not a folder");
    }
}
