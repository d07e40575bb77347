package dev.p2pshare.agent.download;

import dev.p2pshare.agent.chunk.ChunkStore;
import dev.p2pshare.agent.chunk.HeldFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.BitSet;

/**
 * Where a download's verified chunks go and how it ends: one file ({@link FileTarget}: {@code <dest>.part},
 * the whole-file SHA-256, a rename) or a folder's chosen files ({@link FolderDownload}: a part area, each
 * file's SHA-256, a rename per file). {@link SwarmDownload} fetches and verifies chunks the same way for both.
 */
interface DownloadTarget {
    /** The download's verified chunks, as a target needs them. */
    interface Chunks {
        boolean verified(int chunk);

        /** Forgets that the chunk was verified: it is fetched again. */
        void unverify(int chunk) throws IOException;

        /** True once the download is asked to stop: long checks end early. */
        boolean stopping();
    }

    /** Something in the way of finishing that fetching again cannot fix: the download stops with this. */
    final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /** How {@link #finish} ended. */
    enum Finish {
        /** In place: the download is complete. */
        DONE,
        /** Chunks were found bad on disk and unverified: fetch them again. */
        AGAIN,
        /** The download was asked to stop meanwhile. */
        STOPPED
    }

    /** The chunks to fetch. */
    BitSet wanted();

    /** Bytes of chunk {@code chunk} that count towards the progress. */
    long wantedBytes(int chunk);

    /** Bytes the download brings: the file, or the chosen files of a folder. */
    long size();

    /** What the chunk server may serve of the download while it runs. */
    HeldFile held(String group);

    /** Opens (creating if needed) the partial data to write verified chunks into, bringing it in line with the chunk map. */
    ChunkStore open() throws IOException;

    /** Chunk {@code chunk} was verified and written; {@code data} still holds its bytes. */
    void verified(int chunk, ByteBuffer data) throws IOException;

    /** Every wanted chunk is verified: checks what the manifest vouches for and moves it into place. */
    Finish finish() throws IOException;

    /** Files in place so far. */
    int filesDone();

    /** Files the download brings. */
    int filesTotal();

    /** What the download does once every chunk is in, in words. */
    String finishing();

    /** Why the download fails when {@link #finish} kept asking to fetch again. */
    String keptFailing();

    /** Removes the partial data of a download taken away. */
    void discard() throws IOException;

    /** Wakes a check that waits, so that it sees the download stopping. */
    void wake();
}
