package dev.p2pshare.agent.download;

import dev.p2pshare.agent.chunk.ChunkStore;
import dev.p2pshare.agent.chunk.ChunkVerifier;
import dev.p2pshare.agent.chunk.HeldFile;
import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Hex;
import dev.p2pshare.shared.Manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.BitSet;

/**
 * A single file's download on disk: chunks go into {@code <dest>.part}; {@link WholeFileDigest} hashes the
 * verified ones in file order as they come, and when all are in the whole file's SHA-256 is checked and the
 * file renamed to {@code dest}.
 */
final class FileTarget implements DownloadTarget {
    private final Manifest manifest;
    private final Path part;
    private final Path dest;
    private final boolean overwrite;
    private final Bitfield verified;
    private final Chunks chunks;
    private final WholeFileDigest digest;
    private ChunkStore store;

    FileTarget(Manifest manifest, Path part, Path dest, boolean overwrite, Bitfield verified, Chunks chunks) {
        this.manifest = manifest;
        this.part = part;
        this.dest = dest;
        this.overwrite = overwrite;
        this.verified = verified;
        this.chunks = chunks;
        this.digest = new WholeFileDigest(manifest, verified, chunks::stopping);
    }

    @Override
    public BitSet wanted() {
        BitSet all = new BitSet(manifest.chunkCount());
        all.set(0, manifest.chunkCount());
        return all;
    }

    @Override
    public long wantedBytes(int chunk) {
        return manifest.chunkLength(chunk);
    }

    @Override
    public long size() {
        return manifest.size();
    }

    @Override
    public HeldFile held(String group) {
        return new HeldFile(group, manifest, part, verified, null);
    }

    @Override
    public ChunkStore open() throws IOException {
        store = ChunkStore.openForWriting(part, manifest);
        digest.restart(store);
        return store;
    }

    @Override
    public void verified(int chunk, ByteBuffer data) throws IOException {
        digest.advance(chunk, data);
    }

    @Override
    public Finish finish() throws IOException {
        // No fsync: the verified map and the whole-file check below catch what a crash could lose.
        store.setLength();
        byte[] sum = digest.await();
        if (sum == null) return Finish.STOPPED;
        if (!Hex.of(sum).equals(manifest.sha256())) {
            if (recheckChunks() == 0) {
                throw new Refused("every chunk matches the manifest but the whole file does not: the manifest is inconsistent");
            }
            digest.restart(store);
            return Finish.AGAIN;
        }
        if (chunks.stopping()) return Finish.STOPPED;
        if (Files.exists(dest) && !overwrite) throw new Refused(dest + " exists already (ask to overwrite it)");
        store.close();
        try {
            Files.move(part, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, dest, StandardCopyOption.REPLACE_EXISTING);
        }
        return Finish.DONE;
    }

    /** Reads every chunk back and unverifies those that no longer match; how many did not. */
    private int recheckChunks() throws IOException {
        int bad = 0;
        ByteBuffer buffer = ByteBuffer.allocateDirect(manifest.chunkSize());
        for (int i = 0; i < manifest.chunkCount(); i++) {
            if (!ChunkVerifier.matches(store.read(i, buffer), manifest.chunks().get(i))) {
                bad++;
                chunks.unverify(i);
            }
        }
        return bad;
    }

    @Override
    public int filesDone() {
        return 0;
    }

    @Override
    public int filesTotal() {
        return 1;
    }

    @Override
    public String finishing() {
        return "checking the whole file's SHA-256";
    }

    @Override
    public String keptFailing() {
        return "the whole file kept failing its SHA-256 check";
    }

    @Override
    public void discard() throws IOException {
        Files.deleteIfExists(part);
    }

    @Override
    public void wake() {
        digest.wake();
    }
}
