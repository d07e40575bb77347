package dev.p2pshare.agent.download;

import dev.p2pshare.agent.chunk.ChunkStore;
import dev.p2pshare.agent.chunk.ChunkVerifier;
import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The whole-file SHA-256 of a download, fed with verified chunks in file order while the rest of the
 * file still arrives, so that little of the check is left when the last chunk comes in. Whichever thread
 * finds the next chunk verified and nobody hashing takes over and goes on as far as the verified chunks
 * reach; the chunk in its hands is hashed from memory, others are read back from the store.
 */
final class WholeFileDigest {
    private final Manifest manifest;
    private final Bitfield verified;
    private final BooleanSupplier stopped;
    private final ReentrantLock lock = new ReentrantLock();
    /** Waited on for the digest to catch up (or a stop). */
    private final Condition hashable = lock.newCondition();
    private ChunkStore store;
    private MessageDigest digest;
    /** Chunks fed into the digest so far. */
    private int hashed;
    /** Whether a thread is feeding the digest now (one at a time). */
    private boolean hashing;
    /** Where that thread reads back chunks that are not in its hands. */
    private ByteBuffer readBuffer;

    WholeFileDigest(Manifest manifest, Bitfield verified, BooleanSupplier stopped) {
        this.manifest = manifest;
        this.verified = verified;
        this.stopped = stopped;
    }

    /** Starts over from chunk 0, reading chunks back from {@code chunks}. */
    void restart(ChunkStore chunks) {
        lock.lock();
        try {
            store = chunks;
            hashed = 0;
            digest = ChunkVerifier.sha256();
        } finally {
            lock.unlock();
        }
    }

    int hashed() {
        lock.lock();
        try {
            return hashed;
        } finally {
            lock.unlock();
        }
    }

    /** Feeds verified chunks from where the digest stands; {@code inHand} (may be -1) is the chunk in {@code data}. */
    void advance(int inHand, ByteBuffer data) throws IOException {
        // A chunk verified just as the feeding thread hands back finds it still busy: look again after handing back.
        boolean again = feed(inHand, data);
        while (again) again = feed(-1, null);
    }

    /** One turn at feeding the digest; true when, on handing back, the next chunk turned out verified. */
    private boolean feed(int inHand, ByteBuffer data) throws IOException {
        int next;
        MessageDigest sum;
        lock.lock();
        try {
            if (hashing || !nextVerified()) return false;
            hashing = true;
            next = hashed;
            sum = digest;
        } finally {
            lock.unlock();
        }
        try {
            while (true) {
                ByteBuffer bytes;
                if (next == inHand) {
                    bytes = data.duplicate();
                } else {
                    if (readBuffer == null) readBuffer = ByteBuffer.allocateDirect(Manifest.CHUNK_SIZE);
                    bytes = store.read(next, readBuffer);
                }
                sum.update(bytes);
                next++;
                lock.lock();
                try {
                    hashed = next;
                    if (stopped.getAsBoolean() || !nextVerified()) break;
                } finally {
                    lock.unlock();
                }
            }
        } finally {
            lock.lock();
            try {
                hashing = false;
                hashable.signalAll();
            } finally {
                lock.unlock();
            }
        }
        lock.lock();
        try {
            return !stopped.getAsBoolean() && nextVerified();
        } finally {
            lock.unlock();
        }
    }

    private boolean nextVerified() {
        return hashed < manifest.chunkCount() && verified.get(hashed);
    }

    /** The digest once every chunk went into it; null when the download stopped meanwhile. */
    byte[] await() throws IOException {
        while (true) {
            lock.lock();
            try {
                if (stopped.getAsBoolean()) return null;
                if (!hashing && hashed == manifest.chunkCount()) return digest.digest();
                if (hashing) {
                    hashable.await(200, TimeUnit.MILLISECONDS);
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } finally {
                lock.unlock();
            }
            // Nobody is hashing and chunks are left (a resumed download): do it here.
            advance(-1, null);
        }
    }

    /** Wakes a thread waiting in {@link #await()} (the download stops). */
    void wake() {
        lock.lock();
        try {
            hashable.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
