package dev.p2pshare.agent.chunk;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Both ways of reaching entries: through a SecureDirectoryStream (Linux) and by checked paths (elsewhere). */
class SafeDirectoryTest {
    @TempDir
    Path dir;

    private SafeDirectory open(Path folder, boolean secure) throws IOException {
        return secure ? SafeDirectory.open(folder) : SafeDirectory.openPlain(folder);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void linksAreNeverFollowed(boolean secure) throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path victim = Files.writeString(outside.resolve("victim.txt"), "not yours");
        Files.createSymbolicLink(root.resolve("sub"), outside);
        Files.createSymbolicLink(root.resolve("file"), victim);
        try (SafeDirectory folder = open(root, secure)) {
            assertThatThrownBy(() -> folder.child("sub")).hasMessageContaining("symbolic link");
            assertThatThrownBy(() -> folder.openFile("file", Set.of(StandardOpenOption.WRITE))).isInstanceOf(IOException.class);
            assertThat(folder.attributes("file").isSymbolicLink()).isTrue();
            folder.delete("file");
        }
        assertThat(victim).hasContent("not yours");
        assertThat(root.resolve("file")).doesNotExist();
        assertThatThrownBy(() -> open(root.resolve("sub"), secure)).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void foldersAreMadeAsideAndMovedInAndFilesMovedByName(boolean secure) throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        try (SafeDirectory folder = open(root, secure); SafeDirectory aside = open(scratch, secure)) {
            try (SafeDirectory made = folder.childCreated("new folder", aside, "mkdir-1");
                 FileChannel file = aside.openFile("0", Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE))) {
                file.write(ByteBuffer.wrap("hello".getBytes()));
                aside.move("0", made, "ünï.txt");
                assertThat(made.names()).containsExactly("ünï.txt");
            }
            assertThat(folder.childCreated("new folder", aside, "mkdir-2").path()).isEqualTo(root.resolve("new folder"));
        }
        assertThat(root.resolve("new folder/ünï.txt")).hasContent("hello");
        assertThat(scratch).isEmptyDirectory();
    }
}
