package dev.p2pshare.agent.download;

import dev.p2pshare.agent.chunk.ChunkBuffers;
import dev.p2pshare.agent.chunk.ChunkStore;
import dev.p2pshare.agent.chunk.ChunkVerifier;
import dev.p2pshare.agent.chunk.HeldFile;
import dev.p2pshare.agent.chunk.VerifiedChunks;
import dev.p2pshare.agent.system.AgentSettings;
import dev.p2pshare.agent.system.DaemonThreads;
import dev.p2pshare.agent.system.RateLimit;
import dev.p2pshare.agent.system.RateLimits;
import dev.p2pshare.agent.tracker.TrackerClient;
import dev.p2pshare.agent.tracker.TrackerException;
import dev.p2pshare.agent.tracker.TrackerUnavailableException;
import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadState;
import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * One file or folder fetched from every peer that holds it at once: the coordinator. Its thread hands
 * chunks to peers (rarest first, as many in flight per peer as its measured rate warrants, endgame at the
 * end) and settles what comes back; worker threads fetch, verify and write chunks into its
 * {@link DownloadTarget} (a file's {@code <dest>.part}, a folder's part area). Verified chunks are recorded
 * on disk at once and served to other peers; when all are there the target checks and places what they
 * make. Peers and the grant come from {@link PeerRefresh}, the peers' standing is kept in {@link PeerSet}
 * and what it knows of each peer in its {@link PeerState}.
 */
final class SwarmDownload {
    private static final Logger log = LoggerFactory.getLogger(SwarmDownload.class);
    /**
     * Requests in flight over all peers, each for a run of up to {@link Manifest#MAX_RUN} neighbouring chunks
     * (fewer requests, less work per byte on both sides) read one chunk at a time into its buffer.
     */
    static final int MAX_IN_FLIGHT = 16;
    /** Last chunks of requests received and still being verified and written, beyond those in flight. */
    private static final int MAX_VERIFYING = 8;
    /** Chunk buffers one download may use: 12 MiB, whatever the file's size. */
    private static final int BUFFERS = MAX_IN_FLIGHT + MAX_VERIFYING;
    static final int MAX_BAD_CHUNKS = 2;
    private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final int MAX_WHOLE_FILE_RETRIES = 3;

    /** What a download needs from the rest of the agent. */
    record Services(TrackerClient tracker, PeerClient peers, AgentSettings settings, RateLimits limits,
                    Counter chunksVerified, Counter chunksRejected, Counter bytesReceived) {
    }

    /** Told of every state change (to persist it) and of completion (to seed). */
    interface Listener {
        void changed(SwarmDownload download);

        void completed(SwarmDownload download);
    }

    private final DownloadRecord record;
    private final Manifest manifest;
    private final Path dest;
    private final Path part;
    private final Services services;
    private final Listener listener;
    private final VerifiedChunks verified;
    private final HeldFile held;
    private final int resumedChunks;
    private final AtomicInteger fetchedChunks = new AtomicInteger();
    /** Where the chunks go and how the download ends: a file or a folder's files. */
    private final DownloadTarget target;
    /** The chunks to fetch: all of a file's, those of a folder's chosen files. */
    private final BitSet wanted;

    private final ReentrantLock lock = new ReentrantLock();
    /** The coordinator waits on this: a request slot freed, a request settled, peers refreshed, a stop. */
    private final Condition wake = lock.newCondition();
    private final BitSet done;
    private final PiecePicker picker;
    private final PeerRefresh refresh;
    private final PeerSet peers;
    private final Map<Integer, List<ChunkRequest>> active = new HashMap<>();
    private final RateMeter rate = new RateMeter();
    /** The download's own rate limit, on top of the agent's. */
    private final RateLimit limit;
    private final int maxWindow;
    /** Why the last peer refresh failed, in words; null once one worked. */
    private String trackerTrouble;

    private volatile DownloadState state;
    private volatile String error;
    /** Written under the lock; read anywhere (the whole-file digest stops on it). */
    private volatile boolean stopRequested;
    private ChunkStore store;
    private ThreadPoolExecutor workers;
    private ChunkBuffers buffers;
    private Thread coordinator;
    private DownloadState stopState;
    private int inFlight;
    private long bytesDone;
    private long lastSampleNanos;
    private long startedNanos;

    /** {@code target} makes the file or folder on disk over this download's verified chunks. */
    SwarmDownload(DownloadRecord record, Path part, VerifiedChunks verified, Services services, Listener listener,
                  Function<DownloadTarget.Chunks, DownloadTarget> target) {
        this.record = record;
        this.manifest = record.manifest();
        this.dest = Path.of(record.dest());
        this.part = part;
        this.services = services;
        this.listener = listener;
        this.verified = verified;
        this.state = record.state();
        this.error = record.error();
        this.peers = new PeerSet(record.droppedPeers(), services.settings().requestsPerPeer());
        this.target = target.apply(new DownloadTarget.Chunks() {
            @Override
            public boolean verified(int chunk) {
                return verified.bitfield().get(chunk);
            }

            @Override
            public void unverify(int chunk) throws IOException {
                SwarmDownload.this.unverify(chunk);
            }

            @Override
            public boolean stopping() {
                return stopRequested;
            }
        });
        this.done = new BitSet(manifest.chunkCount());
        this.wanted = this.target.wanted();
        Bitfield bits = verified.bitfield();
        for (int i = wanted.nextSetBit(0); i >= 0; i = wanted.nextSetBit(i + 1)) {
            if (bits.get(i)) {
                done.set(i);
                bytesDone += this.target.wantedBytes(i);
            }
        }
        this.resumedChunks = done.cardinality();
        this.picker = new PiecePicker(manifest.chunkCount(), done, wanted, Manifest.MAX_RUN, RandomGenerator.getDefault());
        this.held = this.target.held(record.group());
        this.maxWindow = 8 * services.settings().requestsPerPeer();
        this.refresh = new PeerRefresh(record.id(), record.group(), record.fileName(), manifest, services);
        this.limit = new RateLimit(record.maxRate());
    }

    String id() {
        return record.id();
    }

    DownloadRecord record() {
        return locked(() -> record.with(state, error, peers.dropped(), limit.rate()));
    }

    HeldFile held() {
        return held;
    }

    Path dest() {
        return dest;
    }

    Manifest manifest() {
        return manifest;
    }

    DownloadState state() {
        return state;
    }

    /** The chunks it can serve (and tells the tracker of): verified, and for a folder wholly in chosen files. */
    Bitfield verifiedChunks() {
        return held.held();
    }

    /** Chunks that were already verified when this run started (resumed from disk). */
    int resumedChunks() {
        return resumedChunks;
    }

    /** Chunks fetched from peers and accepted in this run. */
    int fetchedChunks() {
        return fetchedChunks.get();
    }

    /** Changes the download's own rate limit (0: none), also for the chunks in flight. */
    void limit(long bytesPerSecond) {
        limit.set(bytesPerSecond);
        listener.changed(this);
    }

    /** Starts (or resumes) fetching in a thread of its own. */
    void start() {
        lock.lock();
        try {
            if (coordinator != null && coordinator.isAlive()) return;
            stopRequested = false;
            stopState = null;
            state = DownloadState.RUNNING;
            error = null;
            lastSampleNanos = System.nanoTime();
            coordinator = DaemonThreads.named("download-" + record.id()).newThread(this::run);
            coordinator.start();
        } finally {
            lock.unlock();
        }
        listener.changed(this);
    }

    /**
     * Stops fetching and waits (bounded) for the workers to finish. {@code newState} is the state to
     * remember (PAUSED), or null to keep the current one (an agent shutting down resumes next time).
     */
    void stop(DownloadState newState) {
        Thread thread;
        lock.lock();
        try {
            thread = coordinator;
            if (thread == null || !thread.isAlive()) {
                if (newState != null && state != DownloadState.COMPLETE) state = newState;
                thread = null;
            } else {
                requestStop(newState);
            }
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (newState != null) listener.changed(this);
    }

    DownloadInfo info() {
        lock.lock();
        try {
            long now = System.nanoTime();
            int usable = peers.usable(now).size();
            long size = target.size();
            long remaining = size - bytesDone;
            Long eta = state == DownloadState.COMPLETE ? Long.valueOf(0)
                    : rate.rate() > 0 ? Long.valueOf((long) Math.ceil(remaining / rate.rate())) : null;
            double shownRate = state == DownloadState.RUNNING ? rate.rate() : 0;
            return new DownloadInfo(record.id(), record.group(), record.fileName(), manifest.sha256(), dest.toString(),
                    state, size, bytesDone, done.cardinality(), wanted.cardinality(), shownRate, eta,
                    state == DownloadState.RUNNING ? usable : 0, peers.dropped(), error, record.startedAt(), reason(usable),
                    limit.rate(), state == DownloadState.COMPLETE ? target.filesTotal() : target.filesDone(),
                    target.filesTotal());
        } finally {
            lock.unlock();
        }
    }

    /** What the download is doing, or why it waits or stopped, in words; the lock is held. */
    private String reason(int usable) {
        return switch (state) {
            case COMPLETE -> "complete";
            case PAUSED -> "paused";
            case FAILED -> "stopped: " + (error == null ? "no reason given" : error);
            case RUNNING -> {
                if (picker.complete()) yield target.finishing();
                if (refresh.grant() == null && trackerTrouble == null) yield "starting: asking the tracker for peers";
                if (usable > 0) {
                    yield "downloading from " + PeerSet.count(usable) + (trackerTrouble == null ? "" : " (" + trackerTrouble + ")");
                }
                yield "waiting: " + (trackerTrouble != null ? trackerTrouble : peers.whyNoneServes(record.fileName()));
            }
        };
    }

    // ---- coordinator ----

    private void run() {
        buffers = new ChunkBuffers(BUFFERS, true);
        workers = new ThreadPoolExecutor(BUFFERS + 2, BUFFERS + 2, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), DaemonThreads.numbered("download-" + record.id()));
        workers.allowCoreThreadTimeOut(true);
        try {
            store = target.open();
            startedNanos = System.nanoTime();
            log.info("download {}: {} of {} from {} ({} of {} chunks already verified)", record.id(), record.fileName(),
                    record.group(), dest, resumedChunks, manifest.chunkCount());
            for (int attempt = 0; ; attempt++) {
                if (!fetchAll()) return;
                if (finish()) return;
                if (attempt >= MAX_WHOLE_FILE_RETRIES) {
                    fail(target.keptFailing());
                    return;
                }
            }
        } catch (DownloadTarget.Refused e) {
            fail(e.getMessage());
        } catch (IOException e) {
            fail("cannot write " + part + ": " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("download {} failed", record.id(), e);
            fail("unexpected failure: " + e);
        } finally {
            cancelAll();
            workers.shutdown();
            try {
                workers.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeStore();
            locked(() -> {
                if (stopState != null) state = stopState;
                else if (state == DownloadState.RUNNING && !stopRequested) state = DownloadState.FAILED;
                inFlight = 0;
            });
            listener.changed(this);
        }
    }

    /** Fetches until every chunk is verified (true) or the download is stopped (false). */
    private boolean fetchAll() {
        lock.lock();
        try {
            while (true) {
                if (stopRequested) return false;
                if (picker.complete()) {
                    cancelAll();
                    return true;
                }
                long now = System.nanoTime();
                sample(now);
                if (refresh.due(now, peers.anyUsable(now))) {
                    refresh.started(now);
                    workers.execute(this::refresh);
                }
                assign(now);
                wake.await(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands free request slots to peers, each to the peer least busy for its window (so work spreads
     * over every peer, and faster peers, with larger windows, get more of it).
     */
    private void assign(long now) {
        List<PeerState> candidates = peers.usable(now);
        while (inFlight < MAX_IN_FLIGHT && !candidates.isEmpty()) {
            PeerState least = null;
            for (PeerState peer : candidates) {
                if (least == null || peer.load() < least.load()
                        || (peer.load() == least.load() && peer.rate() > least.rate())) {
                    least = peer;
                }
            }
            int chunk = least.hasRoom(Manifest.MAX_RUN) ? picker.pick(least) : -1;
            if (chunk < 0) {
                candidates.remove(least);
            } else {
                launch(least, chunk, now);
            }
        }
    }

    private void launch(PeerState peer, int chunk, long now) {
        ChunkRequest request = new ChunkRequest(peer, chunk, picker.run(peer, chunk, peer.room()));
        for (int i = request.first; i < request.first + request.count; i++) {
            active.computeIfAbsent(i, k -> new ArrayList<>(2)).add(request);
            picker.requested(i);
            peer.requested(i, now);
        }
        inFlight++;
        String grant = refresh.grant();
        workers.execute(() -> fetch(request, grant));
    }

    /** Measures the download's and every peer's rate, and sizes each peer's window by its rate. */
    private void sample(long now) {
        long elapsed = now - lastSampleNanos;
        if (elapsed < SAMPLE_NANOS) return;
        double seconds = elapsed / 1e9;
        rate.sample(seconds);
        peers.sample(seconds, now, maxWindow);
        lastSampleNanos = now;
    }

    // ---- workers ----

    /**
     * Reads the run's chunks one by one, each verified, written and settled before the next is read, so a
     * peer that lies in the middle of a run keeps the chunks it sent right and is named for the one it did not.
     */
    private void fetch(ChunkRequest request, String grant) {
        ByteBuffer buffer = null;
        FetchResult result = FetchResult.CANCELLED;
        try (PeerClient.ChunkRun run = services.peers().fetch(request.peer.origin, manifest, request.first,
                request.count, grant, request, services.limits().forDownload(limit, request.peer.origin.host()))) {
            result = run.status();
            if (run.hasNext()) buffer = buffers.take();
            while (run.hasNext()) {
                int chunk = run.nextIndex();
                result = run.next(buffer);
                if (result.kind() != FetchResult.Kind.OK) break;
                if (!run.hasNext()) freeSlot(request);
                services.bytesReceived().increment(buffer.remaining());
                if (!ChunkVerifier.matches(buffer, manifest.chunks().get(chunk))) {
                    result = FetchResult.of(FetchResult.Kind.BAD, "chunk " + chunk + " failed its SHA-256 check");
                    break;
                }
                accept(request, chunk, buffer);
                settle(request, FetchResult.OK);
            }
        } catch (InterruptedException e) {
            result = FetchResult.CANCELLED;
        } catch (DownloadTarget.Refused e) {
            result = FetchResult.CANCELLED;
            fail(e.getMessage());
        } catch (IOException e) {
            result = FetchResult.CANCELLED;
            fail("cannot write " + part + ": " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("download {}: chunks {}+{} from {} failed", record.id(), request.first, request.count,
                    request.peer.url, e);
            result = FetchResult.of(FetchResult.Kind.FAILED, e.toString());
        } finally {
            buffers.release(buffer);
            settleRest(request, result);
        }
    }

    /** Writes a verified chunk (unless another peer's copy won the race), records it and tells the target. */
    private void accept(ChunkRequest request, int chunk, ByteBuffer data) throws IOException {
        if (locked(() -> done.get(chunk))) return;
        store.write(chunk, data);
        if (markVerified(request, chunk)) target.verified(chunk, data);
    }

    private boolean markVerified(ChunkRequest request, int chunk) throws IOException {
        lock.lock();
        try {
            if (done.get(chunk)) return false;
            verified.mark(chunk);
            done.set(chunk);
            bytesDone += target.wantedBytes(chunk);
            rate.add(manifest.chunkLength(chunk));
            fetchedChunks.incrementAndGet();
            services.chunksVerified().increment();
            // Other copies asked for in endgame are no longer needed; a longer run that is not at this chunk
            // yet goes on (it skips it) rather than losing the chunks after it.
            for (ChunkRequest other : active.getOrDefault(chunk, List.of())) {
                if (other != request && (other.count == 1 || other.current() == chunk)) other.cancel();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The last chunk's bytes are in: another request may go out while it is verified and written. */
    private void freeSlot(ChunkRequest request) {
        lock.lock();
        try {
            request.slotFreed = true;
            inFlight--;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The request has ended with {@code result}: that is the outcome of the chunk it stopped at (a peer's
     * answer with fewer chunks than asked ends OK); the chunks after it were not sent and are asked again.
     */
    private void settleRest(ChunkRequest request, FetchResult result) {
        lock.lock();
        try {
            if (result.kind() != FetchResult.Kind.OK && request.settled < request.count) settle(request, result);
            while (request.settled < request.count) settle(request, FetchResult.CANCELLED);
            if (!request.slotFreed) {
                request.slotFreed = true;
                inFlight--;
            }
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Settles the run's current chunk with {@code result}. */
    private void settle(ChunkRequest request, FetchResult result) {
        lock.lock();
        try {
            PeerState peer = request.peer;
            int chunk = request.current();
            request.settled++;
            List<ChunkRequest> requests = active.get(chunk);
            if (requests != null && requests.remove(request) && requests.isEmpty()) active.remove(chunk);
            picker.released(chunk);
            peer.settled(chunk);
            long now = System.nanoTime();
            switch (result.kind()) {
                case OK -> peer.received(manifest.chunkLength(chunk));
                case BAD -> {
                    services.chunksRejected().increment();
                    int bad = peer.sentBad(chunk);
                    log.warn("download {}: {} ({}) sent bad data: {}", record.id(), peer.username(), peer.url, result.message());
                    if (bad >= MAX_BAD_CHUNKS && !peer.dropped()) {
                        drop(peer, "sent " + bad + " chunks that failed verification (" + result.message() + ")");
                    } else {
                        picker.recount(peers.all());
                    }
                }
                case BUSY -> peer.busy(now, result.retryAfterMillis());
                case UNAUTHORIZED -> {
                    refresh.grantRejected();
                    backOff(peer, now, result.message());
                }
                case MISSING -> {
                    peer.lacks(chunk);
                    picker.recount(peers.all());
                }
                case MISBEHAVED -> {
                    if (!peer.dropped()) drop(peer, result.message());
                }
                case FAILED -> backOff(peer, now, result.message());
                case CANCELLED -> {
                }
            }
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void backOff(PeerState peer, long now, String why) {
        int failures = peer.failed(now);
        if (failures == 1 || failures % 10 == 0) {
            log.info("download {}: {} ({}) failed {} time(s): {}", record.id(), peer.username(), peer.url, failures, why);
        }
    }

    private void drop(PeerState peer, String reason) {
        log.warn("download {}: dropped {} ({}): {}", record.id(), peer.username(), peer.url, reason);
        peers.drop(peer, reason);
        for (List<ChunkRequest> requests : active.values()) {
            for (ChunkRequest request : requests) {
                if (request.peer == peer) request.cancel();
            }
        }
        picker.recount(peers.all());
        listener.changed(this);
    }

    // ---- peers and grant from the tracker ----

    private void refresh() {
        try {
            PeerRefresh.Found found = refresh.fetch(locked(peers::droppedUrls));
            if (!manifest.sha256().equals(found.details().manifest().sha256())) {
                fail("the tracker now lists other content under the name " + record.fileName());
                return;
            }
            locked(() -> applyRefresh(found));
        } catch (TrackerException e) {
            locked(() -> {
                int failures = refresh.failed();
                if (e.status() == 403 || failures == 1 || failures % 10 == 0) {
                    log.warn("download {}: tracker refused the peer list: {}", record.id(), e.getMessage());
                }
                if (e.status() == 403) {
                    fail("the tracker no longer lets you read " + record.group());
                } else {
                    trackerTrouble = refusal(e);
                }
            });
        } catch (TrackerUnavailableException e) {
            locked(() -> {
                int failures = refresh.failed();
                trackerTrouble = "tracker unreachable, retrying";
                if (failures == 1 || failures % 10 == 0) {
                    log.warn("download {}: {}; retrying with backoff", record.id(), e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            log.warn("download {}: peer refresh failed", record.id(), e);
        } finally {
            locked(() -> {
                refresh.finished();
                wake.signalAll();
            });
        }
    }

    /** A refused peer list in words, other than 403 (which stops the download). */
    private String refusal(TrackerException e) {
        return switch (e.status()) {
            case 401 -> "the tracker rejected the session (expired or revoked): log in again";
            case 404 -> "the tracker no longer lists " + record.fileName() + " in " + record.group() + ", retrying";
            default -> "the tracker refused the peer list (" + e.getMessage() + "), retrying";
        };
    }

    private void applyRefresh(PeerRefresh.Found found) {
        refresh.renewed(found.details());
        trackerTrouble = null;
        peers.relist(found.holders(), (peer, asked) -> asked.whenComplete((chunks, failure) -> answered(peer, chunks, failure)));
        picker.recount(peers.all());
    }

    /** A partial holder told its chunks (fresher than the tracker's copy), or misbehaved in answering. */
    private void answered(PeerState peer, Bitfield chunks, Throwable failure) {
        lock.lock();
        try {
            if (!peers.current(peer)) return;
            if (failure instanceof PeerClient.PeerMisbehaved misbehaved) {
                drop(peer, misbehaved.getMessage());
            } else if (chunks != null) {
                peer.holds(chunks);
                picker.recount(peers.all());
                wake.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- the end ----

    /** Has the target check and place what was fetched; false when chunks must be fetched again. */
    private boolean finish() throws IOException {
        long fetchedNanos = System.nanoTime();
        switch (target.finish()) {
            case AGAIN -> {
                log.warn("download {}: chunks on disk no longer matched; fetching them again", record.id());
                return false;
            }
            case STOPPED -> {
                return true;
            }
            case DONE -> {
                log.info("download {}: {} complete ({} of {} files; {} chunks fetched, {} resumed; fetching took {} ms,"
                                + " the checks and moves {} ms more)", record.id(), dest, target.filesTotal(),
                        target.filesTotal(), fetchedChunks.get(), resumedChunks, (fetchedNanos - startedNanos) / 1_000_000,
                        (System.nanoTime() - fetchedNanos) / 1_000_000);
                completed();
                return true;
            }
        }
        throw new IllegalStateException("unknown outcome");
    }

    private void completed() {
        locked(() -> {
            state = DownloadState.COMPLETE;
            stopState = DownloadState.COMPLETE;
            rate.reset();
        });
        listener.completed(this);
    }

    /** Forgets that chunk {@code chunk} was verified, on disk too: it is fetched again. */
    private void unverify(int chunk) throws IOException {
        verified.unmark(chunk);
        locked(() -> {
            if (done.get(chunk)) bytesDone -= target.wantedBytes(chunk);
            done.clear(chunk);
            wake.signalAll();
        });
    }

    /** Removes the partial data ({@code <dest>.part}: a file, or a folder's part area) of a download taken away. */
    void discardPart() throws IOException {
        target.discard();
    }

    /** Stops the download as FAILED with {@code why}; any thread, with or without the lock. */
    private void fail(String why) {
        lock.lock();
        try {
            if (stopRequested && stopState == DownloadState.FAILED) return;
            log.warn("download {} failed: {}", record.id(), why);
            error = why;
            requestStop(DownloadState.FAILED);
        } finally {
            lock.unlock();
        }
    }

    /** Asks the coordinator to stop and remember {@code newState} (null: keep the state); the lock is held. */
    private void requestStop(DownloadState newState) {
        stopRequested = true;
        stopState = newState;
        wake.signalAll();
        target.wake();
    }

    private void cancelAll() {
        locked(() -> {
            for (List<ChunkRequest> requests : active.values()) {
                for (ChunkRequest request : requests) request.cancel();
            }
        });
    }

    private void closeStore() {
        if (store == null) return;
        try {
            store.close();
        } catch (IOException e) {
            log.warn("download {}: closing {}: {}", record.id(), part, e.getMessage());
        }
        store = null;
    }

    private void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
