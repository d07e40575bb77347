package dev.p2pshare.agent.download;

import dev.p2pshare.agent.TestFolder;
import dev.p2pshare.agent.chunk.ChunkStore;
import dev.p2pshare.agent.chunk.FolderLayout;
import dev.p2pshare.agent.chunk.VerifiedChunks;
import dev.p2pshare.shared.FolderLimits;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.ManifestFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The data side of a folder download: chunks from a source tree written through the part area and placed. */
class FolderDownloadTest {
    private static final int C = Manifest.CHUNK_SIZE;

    @TempDir
    Path dir;

    /** One download run over the maps in {@code dir}, fed with the source's chunks as if peers had sent them. */
    private final class Run implements AutoCloseable {
        final Manifest manifest;
        final FolderSelection selection;
        final VerifiedChunks chunkMap;
        final VerifiedChunks fileMap;
        final FolderDownload folder;
        final ChunkStore store;
        final ChunkStore from;
        final ByteBuffer buffer = ByteBuffer.allocateDirect(C);
        int fetched;

        Run(TestFolder source, Manifest manifest, List<String> only, boolean overwrite) throws IOException {
            this.manifest = manifest;
            selection = FolderSelection.of(manifest, FolderLimits.DEFAULT, only, List.of());
            chunkMap = VerifiedChunks.open(dir.resolve("run.chunks"), manifest.chunkCount());
            fileMap = VerifiedChunks.open(dir.resolve("run.files"), manifest.fileCount());
            folder = new FolderDownload(manifest, selection, dest(), part(), overwrite, fileMap, new DownloadTarget.Chunks() {
                @Override
                public boolean verified(int chunk) {
                    return chunkMap.bitfield().get(chunk);
                }

                @Override
                public void unverify(int chunk) throws IOException {
                    chunkMap.unmark(chunk);
                }

                @Override
                public boolean stopping() {
                    return false;
                }
            });
            store = folder.open();
            from = ChunkStore.openFolder(new FolderLayout(manifest), (file, write) ->
                    FileChannel.open(source.file(manifest.files().get(file).path())), null);
        }

        void fetch(int chunk) throws IOException {
            store.write(chunk, from.read(chunk, buffer));
            chunkMap.mark(chunk);
            fetched++;
            folder.verified(chunk, buffer);
        }

        /** Fetches every wanted chunk on {@code threads} threads at once, as a download's workers do. */
        void fetchAllInParallel(int threads) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                BitSet chunks = selection.chunks();
                for (int c = chunks.nextSetBit(0); c >= 0; c = chunks.nextSetBit(c + 1)) {
                    int chunk = c;
                    done.add(pool.submit(() -> {
                        ByteBuffer data = from.read(chunk, ByteBuffer.allocate(C));
                        store.write(chunk, data);
                        chunkMap.mark(chunk);
                        folder.verified(chunk, data);
                        return null;
                    }));
                }
                for (Future<?> each : done) each.get(60, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
        }

        /** Fetches every wanted chunk not verified, as long as some are missing (a failed file unmarks its chunks). */
        void fetchMissing() throws IOException {
            for (int round = 0; round < 10; round++) {
                BitSet missing = (BitSet) selection.chunks().clone();
                for (int c = missing.nextSetBit(0); c >= 0; c = missing.nextSetBit(c + 1)) {
                    if (chunkMap.bitfield().get(c)) missing.clear(c);
                }
                if (missing.isEmpty()) return;
                for (int c = missing.nextSetBit(0); c >= 0; c = missing.nextSetBit(c + 1)) fetch(c);
            }
        }

        int chunkOf(String path) {
            return selection.layout().firstChunk(index(manifest, path));
        }

        @Override
        public void close() throws IOException {
            store.close();
            from.close();
            folder.close();
            chunkMap.close();
            fileMap.close();
        }
    }

    private Path dest() {
        return dir.resolve("downloads/album");
    }

    private Path part() {
        return dir.resolve("downloads/album.part");
    }

    private TestFolder source(Map<String, Integer> sizes, List<String> emptyFolders) throws IOException {
        Files.createDirectories(dir.resolve("downloads"));
        return TestFolder.write(dir.resolve("source/album"), sizes, emptyFolders);
    }

    private static int index(Manifest manifest, String path) {
        for (int i = 0; i < manifest.files().size(); i++) {
            if (manifest.files().get(i).path().equals(path)) return i;
        }
        throw new IllegalArgumentException(path);
    }

    @Test
    void aFolderIsRebuiltFileByFileEachAppearingOnlyOnceVerified() throws Exception {
        String deep = String.join("/", java.util.Collections.nCopies(49, "d")) + "/leaf.txt";
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("a.txt", 3000);
        sizes.put("empty.txt", 0);
        sizes.put("big.bin", C + 1000);
        sizes.put(deep, 7);
        sizes.put("ünï cödé/with space.txt", 10);
        TestFolder source = source(sizes, List.of("nothing/here"));
        assertThat(deep.split("/")).hasSize(50);

        try (Run run = new Run(source, source.manifest(), List.of(), false)) {
            assertThat(Files.getPosixFilePermissions(part())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(dest().resolve("empty.txt")).as("an empty file needs no chunk").isEmptyFile();
            for (int chunk = run.manifest.chunkCount() - 1; chunk >= 0; chunk--) {
                run.fetch(chunk);
                for (ManifestFile file : run.manifest.files()) {
                    int i = index(run.manifest, file.path());
                    boolean whole = file.size() == 0 || run.selection.layout().firstChunk(i) >= chunk;
                    assertThat(Files.exists(dest().resolve(file.path()))).as(file.path() + " after chunk " + chunk)
                            .isEqualTo(whole);
                }
            }
            assertThat(run.folder.filesPlaced()).isEqualTo(5);
            assertThat(run.folder.finish()).isEqualTo(DownloadTarget.Finish.DONE);
        }
        assertThat(part()).doesNotExist();
        source.assertCopiedTo(dest());
    }

    @Test
    void tenThousandTinyFilesInNestedFoldersArePlacedOneByOne() throws Exception {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) sizes.put("d" + i % 10 + "/e" + i % 100 + "/f" + i + ".txt", 1 + i % 300);
        TestFolder source = source(sizes, List.of());
        long started = System.nanoTime();
        try (Run run = new Run(source, source.manifest(), List.of(), false)) {
            run.fetchMissing();
            assertThat(run.fetched).as("small files share chunks").isEqualTo(run.manifest.chunkCount()).isLessThan(5);
            assertThat(run.folder.filesPlaced()).isEqualTo(10_000);
            assertThat(run.folder.finish()).isEqualTo(DownloadTarget.Finish.DONE);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("placed 10,000 files in %d ms%n", millis);
        assertThat(millis).as("10,000 files checked and placed").isLessThan(60_000);
        source.assertCopiedTo(dest());
    }

    @Test
    void workersPlacingFilesInNewFoldersAtOnceNeverLoseAFolder() throws Exception {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (int i = 0; i < 400; i++) sizes.put("p" + i % 4 + "/q" + i % 8 + "/r" + i + "/f.bin", 64 * 1024 + i);
        TestFolder source = source(sizes, List.of());
        try (Run run = new Run(source, source.manifest(), List.of(), false)) {
            run.fetchAllInParallel(8);
            assertThat(run.folder.filesPlaced()).isEqualTo(400);
            assertThat(run.folder.finish()).isEqualTo(DownloadTarget.Finish.DONE);
        }
        source.assertCopiedTo(dest());
    }

    @Test
    void onlyTheChosenFilesAreWrittenAndOnlyChunksWhollyInThemServed() throws Exception {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("docs/x.txt", 100);
        sizes.put("raw/a.cr3", C / 2);
        sizes.put("raw/b.jpg", C / 2);
        sizes.put("raw/c.cr3", 2 * C);
        TestFolder source = source(sizes, List.of("raw/empty"));
        try (Run run = new Run(source, source.manifest(), List.of("raw/*.cr3"), false)) {
            assertThat(run.selection.size()).isEqualTo(C / 2 + 2 * C);
            assertThat(run.selection.emptyFolders()).isEmpty();
            run.fetchMissing();
            try (Stream<Path> parts = Files.list(part())) {
                assertThat(parts.map(p -> p.getFileName().toString())).as("part files: chosen ones only, by index")
                        .isSubsetOf("1", "3");
            }
            BitSet served = new BitSet();
            for (int c = 0; c < run.manifest.chunkCount(); c++) {
                if (run.folder.held("g").held().get(c)) served.set(c);
            }
            assertThat(served).as("chunks 0 and 1 hold bytes of raw/b.jpg too").isEqualTo(BitSet.valueOf(new long[] {0b1100}));
            assertThat(run.folder.finish()).isEqualTo(DownloadTarget.Finish.DONE);
        }
        assertThat(dest().resolve("raw/a.cr3")).hasSameBinaryContentAs(source.file("raw/a.cr3"));
        assertThat(dest().resolve("raw/c.cr3")).hasSameBinaryContentAs(source.file("raw/c.cr3"));
        assertThat(dest().resolve("raw/b.jpg")).doesNotExist();
        assertThat(dest().resolve("docs")).doesNotExist();
        assertThat(part()).doesNotExist();
    }

    @Test
    void aSymlinkPlantedInDestMidDownloadNeverRedirectsAWrite() throws Exception {
        TestFolder source = source(Map.of("a/one.bin", C, "sub/b.bin", C, "sub/c.bin", C), List.of());
        Path outside = Files.createDirectories(dir.resolve("outside"));
        try (Run run = new Run(source, source.manifest(), List.of(), false)) {
            run.fetch(run.chunkOf("sub/b.bin"));
            assertThat(dest().resolve("sub/b.bin")).exists();

            Files.move(dest().resolve("sub"), dir.resolve("moved-sub"));
            Files.createSymbolicLink(dest().resolve("sub"), outside);
            Files.createSymbolicLink(dest().resolve("a"), outside);

            assertThatThrownBy(() -> run.fetch(run.chunkOf("sub/c.bin"))).isInstanceOf(DownloadTarget.Refused.class)
                    .hasMessageContaining(dest().resolve("sub") + " is a symbolic link");
            assertThatThrownBy(() -> run.fetch(run.chunkOf("a/one.bin"))).isInstanceOf(DownloadTarget.Refused.class)
                    .hasMessageContaining(dest().resolve("a") + " is a symbolic link");
        }
        try (Stream<Path> written = Files.list(outside)) {
            assertThat(written).as("nothing written through the links").isEmpty();
        }
        try (Stream<Path> moved = Files.list(dir.resolve("moved-sub"))) {
            assertThat(moved).extracting(p -> p.getFileName().toString()).containsExactly("b.bin");
        }
    }

    @Test
    void aLinkPlantedAtAFilesOwnNameIsNeitherFollowedNorReplacedWithoutOverwrite() throws Exception {
        TestFolder source = source(Map.of("a.bin", 10, "b.bin", C), List.of());
        Path victim = Files.writeString(dir.resolve("victim.txt"), "not yours");
        try (Run run = new Run(source, source.manifest(), List.of(), false)) {
            Files.createDirectories(dest());
            Files.createSymbolicLink(dest().resolve("b.bin"), victim);
            assertThatThrownBy(run::fetchMissing).isInstanceOf(DownloadTarget.Refused.class)
                    .hasMessageContaining("b.bin exists already");
        }
        assertThat(Files.readString(victim)).isEqualTo("not yours");
        assertThat(Files.isSymbolicLink(dest().resolve("b.bin"))).isTrue();
    }

    @Test
    void overwriteMergesTheShareIntoAnExistingFolder() throws Exception {
        TestFolder source = source(Map.of("a.txt", 10, "sub/b.txt", 20), List.of());
        Files.createDirectories(dest().resolve("sub"));
        Files.writeString(dest().resolve("a.txt"), "old");
        Files.writeString(dest().resolve("keep.txt"), "mine");
        try (Run run = new Run(source, source.manifest(), List.of(), true)) {
            run.fetchMissing();
            assertThat(run.folder.finish()).isEqualTo(DownloadTarget.Finish.DONE);
        }
        assertThat(dest().resolve("a.txt")).hasSameBinaryContentAs(source.file("a.txt"));
        assertThat(dest().resolve("sub/b.txt")).hasSameBinaryContentAs(source.file("sub/b.txt"));
        assertThat(dest().resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void aResumedDownloadKeepsPlacedFilesAndFetchesOnlyWhatIsMissing() throws Exception {
        TestFolder source = source(Map.of("f0", C, "f1", C, "f2", C, "f3", 2 * C), List.of());
        try (Run first = new Run(source, source.manifest(), List.of(), false)) {
            first.fetch(0);
            first.fetch(1);
            first.fetch(3); // the first half of f3: in its part file
            assertThat(first.folder.filesPlaced()).isEqualTo(2);
            first.fileMap.unmark(1); // f1 was moved, then the agent was killed before it was recorded
        }
        Files.delete(dest().resolve("f0")); // the user deleted a finished file while the download was stopped

        try (Run resumed = new Run(source, source.manifest(), List.of(), false)) {
            assertThat(resumed.folder.filesPlaced()).as("f1 recognised at its place by its SHA-256").isEqualTo(1);
            assertThat(resumed.chunkMap.bitfield().get(0)).as("f0 is gone: fetched again").isFalse();
            assertThat(resumed.chunkMap.bitfield().get(1)).isTrue();
            assertThat(resumed.chunkMap.bitfield().get(3)).isTrue();
            resumed.fetchMissing();
            assertThat(resumed.fetched).as("chunks fetched after the restart").isEqualTo(3);
            assertThat(resumed.folder.finish()).isEqualTo(DownloadTarget.Finish.DONE);
        }
        source.assertCopiedTo(dest());
    }

    @Test
    void aFileFailingItsSha256IsFetchedAgainThenTheManifestIsCalledInconsistent() throws Exception {
        TestFolder source = source(Map.of("good.txt", 10, "liar.txt", 20), List.of());
        Manifest honest = source.manifest();
        List<ManifestFile> files = new ArrayList<>(honest.files());
        files.set(1, new ManifestFile("liar.txt", 20, "0".repeat(64)));
        Manifest lying = Manifest.folder(honest.name(), files, honest.emptyFolders(), honest.chunks());
        try (Run run = new Run(source, lying, List.of(), false)) {
            assertThatThrownBy(run::fetchMissing).isInstanceOf(DownloadTarget.Refused.class)
                    .hasMessageContaining("liar.txt failed its SHA-256 check 3 times").hasMessageContaining("inconsistent");
            assertThat(run.fetched).isEqualTo(FolderDownload.MAX_FILE_RETRIES);
        }
        assertThat(dest().resolve("liar.txt")).doesNotExist();
        assertThat(dest().resolve("good.txt")).as("its neighbour is verified on its own").exists();
    }

    @Test
    void aFileWhosePartFileWasSpoiledAfterAChunkWentInIsNeverPlaced() throws Exception {
        TestFolder source = source(Map.of("a.txt", 100, "long.bin", C + 1000), List.of());
        try (Run run = new Run(source, source.manifest(), List.of(), false)) {
            run.fetch(0);
            assertThat(dest().resolve("a.txt")).as("whole in chunk 0").exists();
            Path partFile = part().resolve(Integer.toString(index(run.manifest, "long.bin")));
            try (FileChannel spoil = FileChannel.open(partFile, StandardOpenOption.WRITE)) {
                spoil.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 10);
            }

            run.fetch(1); // its last chunk comes from memory, the first is read back from the part file
            assertThat(dest().resolve("long.bin")).as("its SHA-256 does not match").doesNotExist();
            assertThat(run.chunkMap.bitfield().get(0)).as("its chunks are fetched again").isFalse();
            assertThat(run.chunkMap.bitfield().get(1)).isFalse();

            run.fetchMissing();
            assertThat(run.folder.finish()).isEqualTo(DownloadTarget.Finish.DONE);
        }
        source.assertCopiedTo(dest());
    }

    @Test
    void aPartFileLongerThanItsFileIsNeverPlaced() throws Exception {
        TestFolder source = source(Map.of("a.txt", 100, "b.txt", 200), List.of());
        try (Run run = new Run(source, source.manifest(), List.of(), false)) {
            Files.write(part().resolve(Integer.toString(index(run.manifest, "b.txt"))), new byte[300]);
            run.fetch(0); // both lie in chunk 0: their SHA-256 is taken from it, and b.txt's part file is too long
            assertThat(dest().resolve("a.txt")).exists();
            assertThat(dest().resolve("b.txt")).doesNotExist();
            assertThat(run.chunkMap.bitfield().get(0)).isFalse();
        }
    }

    @Test
    void finishPlacesAFileWhoseLastChunkIsVerifiedButNotYetTold() throws Exception {
        TestFolder source = source(Map.of("f0", C, "f1", 10), List.of());
        try (Run run = new Run(source, source.manifest(), List.of(), false)) {
            run.fetch(0);
            run.store.write(1, run.from.read(1, run.buffer));
            run.chunkMap.mark(1); // the worker that verified it has not told the folder yet
            assertThat(run.folder.finish()).isEqualTo(DownloadTarget.Finish.DONE);
            run.folder.verified(1, run.buffer); // told late: nothing more to do
        }
        source.assertCopiedTo(dest());
    }

    @Test
    void discardingRemovesThePartAreaAndNothingInDest() throws Exception {
        TestFolder source = source(Map.of("f0", C, "f1", 2 * C), List.of());
        try (Run run = new Run(source, source.manifest(), List.of(), false)) {
            run.fetch(0);
            run.fetch(1);
            run.folder.discard();
        }
        assertThat(part()).doesNotExist();
        assertThat(dest().resolve("f0")).hasSameBinaryContentAs(source.file("f0"));
    }

    @Test
    void aLinkInPlaceOfThePartAreaIsRefused() throws Exception {
        TestFolder source = source(Map.of("f0", 10), List.of());
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(part(), elsewhere);
        assertThatThrownBy(() -> new Run(source, source.manifest(), List.of(), false).close())
                .isInstanceOf(DownloadTarget.Refused.class).hasMessageContaining("symbolic link");
        assertThat(Files.isSymbolicLink(part())).isTrue();
        FolderDownload.deletePartArea(part());
        assertThat(Files.exists(part(), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(elsewhere).isDirectory();
    }
}
