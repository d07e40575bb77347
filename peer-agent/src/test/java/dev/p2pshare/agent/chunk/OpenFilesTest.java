package dev.p2pshare.agent.chunk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenFilesTest {
    @TempDir
    Path dir;

    /** Opens files "0", "1", ... in {@code dir}, remembering every channel it opened; file 99 takes no bytes. */
    private final class Counting implements ChunkStore.Opener {
        final List<FileChannel> opened = new ArrayList<>();
        boolean closed;

        @Override
        public FileChannel open(int file, boolean write) throws IOException {
            if (file == 99) return null;
            FileChannel channel = FileChannel.open(dir.resolve(Integer.toString(file)), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            opened.add(channel);
            return channel;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void theLeastRecentlyUsedFilesAreClosedPastTheCapacityAndTheRestOnClose() throws IOException {
        Counting files = new Counting();
        OpenFiles open = new OpenFiles(files, 4);
        for (int round = 0; round < 3; round++) {
            for (int file = 0; file < 10; file++) {
                try (OpenFiles.Use use = open.use(file, true)) {
                    assertThat(use.channel().isOpen()).isTrue();
                }
                assertThat(open.size()).isLessThanOrEqualTo(4);
            }
        }
        assertThat(files.opened).as("one open a file and round: the files cycle through more than the capacity")
                .hasSize(30);
        assertThat(files.opened.stream().filter(FileChannel::isOpen)).hasSize(4);

        try (OpenFiles.Use again = open.use(9, true)) {
            assertThat(again.channel()).as("the most recent file is still open").isSameAs(files.opened.get(29));
        }
        open.close();
        assertThat(files.opened).noneMatch(FileChannel::isOpen);
        assertThat(files.closed).as("the opener is closed with it").isTrue();
        assertThatThrownBy(() -> open.use(1, true)).isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void aFileInUseIsClosedOnlyOnceLetGo() throws IOException {
        Counting files = new Counting();
        OpenFiles open = new OpenFiles(files, 1);
        OpenFiles.Use first = open.use(0, false);
        try (OpenFiles.Use second = open.use(1, false)) {
            assertThat(first.channel().isOpen()).as("pushed out, but still read from").isTrue();
            assertThat(second.channel().isOpen()).isTrue();
        }
        first.close();
        assertThat(first.channel().isOpen()).isFalse();

        OpenFiles.Use inUse = open.use(1, false);
        open.drop(1);
        assertThat(inUse.channel().isOpen()).isTrue();
        inUse.close();
        assertThat(inUse.channel().isOpen()).as("dropped and let go").isFalse();
        try (OpenFiles.Use reopened = open.use(1, false)) {
            assertThat(reopened.channel()).isNotSameAs(inUse.channel());
        }
        open.close();
        assertThat(files.opened).noneMatch(FileChannel::isOpen);
    }

    @Test
    void aFileThatTakesNoBytesIsNotOpened() throws IOException {
        try (OpenFiles open = new OpenFiles(new Counting(), 4)) {
            assertThat(open.use(99, true)).isNull();
            assertThat(open.size()).isZero();
        }
        assertThat(Files.exists(dir.resolve("99"))).isFalse();
    }
}
