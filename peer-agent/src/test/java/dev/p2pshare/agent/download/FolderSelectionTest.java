package dev.p2pshare.agent.download;

import dev.p2pshare.shared.FolderLimits;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.ManifestFile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FolderSelectionTest {
    private static final int C = Manifest.CHUNK_SIZE;
    private static final String H = "a".repeat(64);

    /** Files of {@code size} bytes each at {@code paths} (in path order), and the empty folders. */
    private static Manifest folder(int size, List<String> emptyFolders, String... paths) {
        List<ManifestFile> files = new ArrayList<>();
        for (String path : paths) files.add(new ManifestFile(path, size, H));
        return Manifest.folder("album", files, emptyFolders,
                Collections.nCopies(Manifest.chunkCount((long) size * paths.length, C), H));
    }

    private static List<String> chosen(FolderSelection selection, Manifest manifest) {
        return selection.files().stream().mapToObj(i -> manifest.files().get(i).path()).toList();
    }

    @Test
    void globsChooseFilesAndAFolderNameChoosesEverythingUnderIt() {
        Manifest m = folder(10, List.of("raw/empty"), "a.txt", "docs/b.txt", "docs/deep/c.txt", "raw/x.cr3", "raw/y.jpg");
        assertThat(chosen(FolderSelection.of(m, FolderLimits.DEFAULT, List.of("raw/*.cr3"), List.of()), m))
                .containsExactly("raw/x.cr3");
        assertThat(chosen(FolderSelection.of(m, FolderLimits.DEFAULT, List.of("**/*.txt"), List.of()), m))
                .containsExactly("docs/b.txt", "docs/deep/c.txt");
        assertThat(chosen(FolderSelection.of(m, FolderLimits.DEFAULT, List.of("docs"), List.of("docs/deep")), m))
                .containsExactly("docs/b.txt");
        FolderSelection raw = FolderSelection.of(m, FolderLimits.DEFAULT, List.of("raw"), List.of());
        assertThat(chosen(raw, m)).containsExactly("raw/x.cr3", "raw/y.jpg");
        assertThat(raw.emptyFolders()).containsExactly("raw/empty");
        FolderSelection all = FolderSelection.of(m, FolderLimits.DEFAULT, List.of(), List.of("*.txt"));
        assertThat(chosen(all, m)).containsExactly("docs/b.txt", "docs/deep/c.txt", "raw/x.cr3", "raw/y.jpg");
        assertThat(all.size()).isEqualTo(40);
    }

    @Test
    void onlyTheChunksTheChosenFilesTouchAreFetchedAndThoseWhollyInThemServed() {
        Manifest m = folder(C / 2 + 1, List.of(), "a", "b", "c", "d");
        FolderSelection selection = FolderSelection.of(m, FolderLimits.DEFAULT, List.of("b", "c"), List.of());
        // a: [0, C/2+1), b: up to C+2, c: up to 3C/2+3, d: up to 2C+4
        BitSet fetched = new BitSet();
        fetched.set(0, 2);
        assertThat(selection.chunks()).isEqualTo(fetched);
        assertThat(selection.servable().isEmpty()).as("both chunks hold bytes of a or d").isTrue();
        assertThat(selection.chosenBytes(0)).isEqualTo(C - (C / 2 + 1));
        assertThat(selection.size()).isEqualTo(2L * (C / 2 + 1));
    }

    @Test
    void aChoiceMatchingNothingOrABadGlobIsRefusedWithTheReason() {
        Manifest m = folder(10, List.of(), "a.txt");
        assertThatThrownBy(() -> FolderSelection.of(m, FolderLimits.DEFAULT, List.of("*.cr3"), List.of("x")))
                .hasMessage("no file in album matches --only *.cr3 --exclude x");
        assertThatThrownBy(() -> FolderSelection.of(m, FolderLimits.DEFAULT, List.of("raw/{a,b"), List.of()))
                .hasMessageStartingWith("invalid glob raw/{a,b: ");
        assertThatThrownBy(() -> FolderSelection.of(m, FolderLimits.DEFAULT, List.of(" "), List.of()))
                .hasMessageContaining("empty glob");
    }

    @Test
    void eachHostilePathIsRefusedBeforeAnythingIsWritten() {
        List<String[]> hostile = List.of(new String[] {"/etc/passwd", "absolute"}, new String[] {"../up", "'..'"},
                new String[] {"a/../../b", "'..'"}, new String[] {"a\\b", "'\\'"}, new String[] {"a\0b", "NUL"},
                new String[] {"a\u0007b", "not one path component"}, new String[] {"C:/x", "drive letter"},
                new String[] {"a//b", "empty"});
        for (String[] path : hostile) {
            assertThatThrownBy(() -> FolderSelection.of(folder(10, List.of(), path[0]), FolderLimits.DEFAULT, List.of(),
                    List.of())).as(path[0]).hasMessageStartingWith("refusing the folder album: ").hasMessageContaining(path[1]);
        }
        assertThatThrownBy(() -> FolderSelection.of(folder(10, List.of(), "A.txt", "a.txt"), FolderLimits.DEFAULT,
                List.of(), List.of())).hasMessageContaining("collides");
        assertThatThrownBy(() -> FolderSelection.of(folder(10, List.of("../x"), "a.txt"), FolderLimits.DEFAULT, List.of(),
                List.of())).as("an empty folder's path too").hasMessageContaining("'..'");
        assertThatThrownBy(() -> FolderSelection.of(folder(10, List.of(), "a/b/c"), new FolderLimits(10, 100, 2), List.of(),
                List.of())).hasMessageContaining("max-depth (2)");
    }
}
