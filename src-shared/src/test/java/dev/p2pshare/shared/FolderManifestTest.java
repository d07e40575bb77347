package dev.p2pshare.shared;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FolderManifestTest {
    private static final String H = "b".repeat(64);

    private static Manifest folder(List<String> emptyFolders, String... paths) {
        List<ManifestFile> files = new ArrayList<>();
        for (String path : paths) files.add(new ManifestFile(path, 10, H));
        int chunks = Manifest.chunkCount(10L * paths.length, Manifest.CHUNK_SIZE);
        return Manifest.folder("album", files, emptyFolders, java.util.Collections.nCopies(chunks, H));
    }

    @Test
    void wellFormedFolderHasItsOwnIdentity() {
        Manifest m = folder(List.of("empty"), "a.txt", "raw/b c.cr3", "raw/ünï.txt");
        assertThat(m.problem()).isNull();
        assertThat(m.isFolder()).isTrue();
        assertThat(m.fileCount()).isEqualTo(3);
        assertThat(m.size()).isEqualTo(30);
        assertThat(m.sha256()).isNotEqualTo(folder(List.of(), "a.txt", "raw/b c.cr3", "raw/ünï.txt").sha256());
        assertThat(new Manifest("x", 0, Manifest.CHUNK_SIZE, H, List.of()).isFolder()).isFalse();
    }

    @Test
    void identityMustMatchTheContent() {
        Manifest m = folder(List.of(), "a.txt");
        Manifest forged = new Manifest(m.name(), m.size(), m.chunkSize(), H, m.chunks(), m.files(), m.emptyFolders());
        assertThat(forged.problem()).contains("identity");
    }

    @Test
    void hostilePathsAreRefusedWithTheirReason() {
        assertThat(folder(List.of(), "/etc/passwd").problem()).contains("absolute");
        assertThat(folder(List.of(), "a/../../b").problem()).contains("'..'");
        assertThat(folder(List.of(), "a\\b").problem()).contains("'\\'");
        assertThat(folder(List.of(), "a\0b").problem()).contains("NUL");
        assertThat(folder(List.of(), "a\nb").problem()).contains("not one path component");
        assertThat(folder(List.of(), "C:/x").problem()).contains("drive letter");
        assertThat(folder(List.of(), "a//b").problem()).contains("empty");
        assertThat(folder(List.of(), "./b").problem()).contains("'.'");
        assertThat(folder(List.of(), "A.txt", "a.txt").problem()).contains("collides");
        assertThat(folder(List.of(), "Raw/x", "raw/y").problem()).contains("collides");
        assertThat(folder(List.of(), "a", "a/b").problem()).contains("collides");
        assertThat(folder(List.of(), "b", "a").problem()).contains("path order");
        assertThat(folder(List.of("B"), "b").problem()).contains("collides");
    }

    @Test
    void limitsAreNamedInTheError() {
        FolderLimits small = new FolderLimits(2, 10, 3);
        assertThat(folder(List.of(), "a", "b", "c").problem(small)).contains("max-files (2)");
        assertThat(folder(List.of(), "abcdefghijk").problem(small)).contains("max-path-bytes (10)");
        assertThat(folder(List.of(), "a/b/c/d").problem(small)).contains("max-depth (3)");
        assertThat(folder(List.of(), "a/b/c").problem(small)).isNull();
    }

    @Test
    void sizeMustBeTheSumOfTheFiles() {
        Manifest m = folder(List.of(), "a.txt");
        Manifest wrong = new Manifest(m.name(), 11, m.chunkSize(), m.sha256(), m.chunks(), m.files(), m.emptyFolders());
        assertThat(wrong.problem()).contains("add up to 10");
    }
}
