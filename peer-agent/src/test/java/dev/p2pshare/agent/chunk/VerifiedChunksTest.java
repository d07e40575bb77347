package dev.p2pshare.agent.chunk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedChunksTest {
    @TempDir
    Path dir;

    @Test
    void verifiedChunksSurviveAReopen() throws Exception {
        Path file = dir.resolve("d.chunks");
        try (VerifiedChunks chunks = VerifiedChunks.open(file, 20)) {
            chunks.mark(0);
            chunks.mark(9);
            chunks.mark(19);
            chunks.mark(7);
            chunks.unmark(7);
        }
        try (VerifiedChunks chunks = VerifiedChunks.open(file, 20)) {
            assertThat(chunks.bitfield().cardinality()).isEqualTo(3);
            assertThat(chunks.bitfield().get(0)).isTrue();
            assertThat(chunks.bitfield().get(9)).isTrue();
            assertThat(chunks.bitfield().get(19)).isTrue();
            assertThat(chunks.bitfield().get(7)).isFalse();
        }
    }

    @Test
    void aMapOfTheWrongSizeStartsEmpty() throws Exception {
        Path file = dir.resolve("d.chunks");
        try (VerifiedChunks chunks = VerifiedChunks.open(file, 20)) {
            chunks.mark(3);
        }
        try (VerifiedChunks chunks = VerifiedChunks.open(file, 100)) {
            assertThat(chunks.bitfield().cardinality()).isZero();
        }
    }

    @Test
    void aSymlinkInThePlaceOfTheMapIsRefusedNotFollowed() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "not a chunk map");
        Path file = Files.createSymbolicLink(dir.resolve("d.chunks"), victim);

        assertThatThrownBy(() -> VerifiedChunks.open(file, 20)).isInstanceOf(IOException.class);
        assertThat(Files.readString(victim)).isEqualTo("not a chunk map");
    }
}
