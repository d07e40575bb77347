package dev.p2pshare.agent.chunk;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.ManifestFile;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Where a folder's chunks lie in its files: the files' bytes run as one stream in manifest order, so
 * a chunk may cover the end of one file, several small files whole and the start of another.
 */
public final class FolderLayout {
    /** Part of chunk {@code chunk} stored in file {@code file}: {@code length} bytes at {@code fileOffset}, at {@code chunkOffset} of the chunk. */
    public record Span(int file, long fileOffset, int chunkOffset, int length) {
    }

    private final Manifest manifest;
    private final long[] starts;

    public FolderLayout(Manifest manifest) {
        if (!manifest.isFolder()) throw new IllegalArgumentException(manifest.name() + " is not a folder");
        this.manifest = manifest;
        List<ManifestFile> files = manifest.files();
        this.starts = new long[files.size() + 1];
        for (int i = 0; i < files.size(); i++) starts[i + 1] = starts[i] + files.get(i).size();
    }

    public Manifest manifest() {
        return manifest;
    }

    /** Offset of file {@code file}'s first byte in the stream. */
    public long start(int file) {
        return starts[file];
    }

    /** The non-empty pieces of files that chunk {@code chunk} covers, in order. */
    public List<Span> spans(int chunk) {
        long from = manifest.offset(chunk);
        long to = from + manifest.chunkLength(chunk);
        List<Span> spans = new ArrayList<>(4);
        for (int file = firstFileAt(from); file < manifest.files().size() && starts[file] < to; file++) {
            long begin = Math.max(from, starts[file]);
            long end = Math.min(to, starts[file + 1]);
            if (end > begin) spans.add(new Span(file, begin - starts[file], (int) (begin - from), (int) (end - begin)));
        }
        return spans;
    }

    /** The chunks holding any byte of file {@code file}: [first, last] inclusive, or first > last for an empty file. */
    public int firstChunk(int file) {
        return (int) (starts[file] / manifest.chunkSize());
    }

    public int lastChunk(int file) {
        return (int) ((starts[file + 1] - 1) / manifest.chunkSize());
    }

    /** True when file {@code file} has no bytes (it needs no chunk at all). */
    public boolean empty(int file) {
        return starts[file + 1] == starts[file];
    }

    /** The chunks that any of {@code files} touches. */
    public BitSet chunksOf(BitSet files) {
        BitSet chunks = new BitSet(manifest.chunkCount());
        for (int file = files.nextSetBit(0); file >= 0; file = files.nextSetBit(file + 1)) {
            if (!empty(file)) chunks.set(firstChunk(file), lastChunk(file) + 1);
        }
        return chunks;
    }

    /** The chunks whose every byte belongs to one of {@code files} (those a partial download can serve). */
    public BitSet chunksWhollyIn(BitSet files) {
        BitSet chunks = chunksOf(files);
        for (int chunk = chunks.nextSetBit(0); chunk >= 0; chunk = chunks.nextSetBit(chunk + 1)) {
            for (Span span : spans(chunk)) {
                if (!files.get(span.file())) {
                    chunks.clear(chunk);
                    break;
                }
            }
        }
        return chunks;
    }

    /** The first file whose bytes reach past {@code offset} (binary search over the starts). */
    private int firstFileAt(long offset) {
        int low = 0;
        int high = manifest.files().size() - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (starts[mid + 1] <= offset) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
