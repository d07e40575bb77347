package dev.p2pshare.agent.download;

import dev.p2pshare.agent.chunk.ChunkBuffers;
import dev.p2pshare.agent.chunk.ChunkStore;
import dev.p2pshare.agent.chunk.ChunkVerifier;
import dev.p2pshare.agent.serve.HeldFile;
import dev.p2pshare.agent.serve.HeldFiles;
import dev.p2pshare.agent.system.AgentSettings;
import dev.p2pshare.agent.system.DaemonThreads;
import dev.p2pshare.agent.tracker.TrackerClient;
import dev.p2pshare.agent.tracker.TrackerException;
import dev.p2pshare.agent.tracker.TrackerUnavailableException;
import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Hex;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadState;
import dev.p2pshare.shared.control.DroppedPeer;
import dev.p2pshare.shared.tracker.FileDetails;
import dev.p2pshare.shared.tracker.PeerHolding;
import io.micrometer.core.instrument.Counter;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * One file fetched from every peer that holds it at once. A coordinator thread hands chunks to
 * peers (rarest first, as many in flight per peer as its measured rate warrants, endgame at the
 * end); worker threads fetch, verify and write them into {@code <dest>.part}. Verified chunks are
 * recorded on disk at once and served to other peers; when all are there the whole file is checked
 * and renamed to {@code dest}.
 */
final class SwarmDownload {
    private static final Logger log = LoggerFactory.getLogger(SwarmDownload.class);
    /** Chunk requests in flight over all peers. */
    static final int MAX_IN_FLIGHT = 16;
    /** Chunks received and still being verified and written, beyond those in flight. */
    private static final int MAX_VERIFYING = 8;
    /** Chunk buffers one download may use: 12 MiB, whatever the file's size. */
    private static final int BUFFERS = MAX_IN_FLIGHT + MAX_VERIFYING;
    static final int MAX_BAD_CHUNKS = 2;
    private static final int MISSING_STREAK_LIMIT = 3;
    private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** A peer gets enough requests to keep it busy this long at its measured rate. */
    private static final double QUEUE_SECONDS = 0.5;
    private static final long NO_PEER_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int MAX_WHOLE_FILE_RETRIES = 3;

    /** What a download needs from the rest of the agent. */
    record Services(TrackerClient tracker, PeerClient peers, HeldFiles heldFiles, AgentSettings settings,
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

    private final ReentrantLock lock = new ReentrantLock();
    /** The coordinator waits on this: a request slot freed, a request settled, peers refreshed, a stop. */
    private final Condition wake = lock.newCondition();
    /** The end of the download waits on this for the whole-file digest to catch up. */
    private final Condition hashable = lock.newCondition();
    private final BitSet done;
    private final PiecePicker picker;
    private final Map<String, PeerState> peers = new LinkedHashMap<>();
    private final Map<Integer, List<ChunkRequest>> active = new HashMap<>();
    private final Set<String> droppedUrls = new HashSet<>();
    private final List<DroppedPeer> dropped;
    private final int maxWindow;

    private volatile DownloadState state;
    private volatile String error;
    private ChunkStore store;
    private ThreadPoolExecutor workers;
    private ChunkBuffers buffers;
    private Thread coordinator;
    private boolean stopRequested;
    private DownloadState stopState;
    private int inFlight;
    private long bytesDone;
    private double rate;
    private long bytesSinceSample;
    private long lastSampleNanos;
    private String grant;
    private Instant grantReceivedAt;
    private Instant grantExpiresAt;
    private boolean grantRejected;
    private boolean refreshing;
    private long lastRefreshNanos;
    private int refreshFailures;
    private long startedNanos;
    /** Chunks fed, in file order, into the whole-file digest so far. */
    private int hashedChunks;
    private MessageDigest wholeFile;
    /** Whether a thread is feeding the whole-file digest now (one at a time). */
    private boolean hashing;
    /** Where that thread reads back chunks that are not in its hands. */
    private ByteBuffer hashBuffer;

    SwarmDownload(DownloadRecord record, Path part, VerifiedChunks verified, Services services, Listener listener) {
        this.record = record;
        this.manifest = record.manifest();
        this.dest = Path.of(record.dest());
        this.part = part;
        this.services = services;
        this.listener = listener;
        this.verified = verified;
        this.state = record.state();
        this.error = record.error();
        this.dropped = new ArrayList<>(record.droppedPeers());
        for (DroppedPeer peer : dropped) droppedUrls.add(peer.url());
        this.done = new BitSet(manifest.chunkCount());
        Bitfield bits = verified.bitfield();
        for (int i = 0; i < manifest.chunkCount(); i++) {
            if (bits.get(i)) {
                done.set(i);
                bytesDone += manifest.chunkLength(i);
            }
        }
        this.resumedChunks = done.cardinality();
        this.picker = new PiecePicker(manifest.chunkCount(), done, RandomGenerator.getDefault());
        this.held = new HeldFile(record.group(), manifest, part, bits, null);
        this.maxWindow = 4 * services.settings().requestsPerPeer();
    }

    String id() {
        return record.id();
    }

    DownloadRecord record() {
        return locked(() -> record.with(state, error, dropped));
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

    Bitfield verifiedChunks() {
        return verified.bitfield();
    }

    /** Chunks that were already verified when this run started (resumed from disk). */
    int resumedChunks() {
        return resumedChunks;
    }

    /** Chunks fetched from peers and accepted in this run. */
    int fetchedChunks() {
        return fetchedChunks.get();
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
                stopRequested = true;
                stopState = newState;
                wake.signalAll();
                hashable.signalAll();
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
            int usable = (int) peers.values().stream().filter(p -> p.usable(now)).count();
            long remaining = manifest.size() - bytesDone;
            Long eta = state == DownloadState.COMPLETE ? Long.valueOf(0)
                    : rate > 0 ? Long.valueOf((long) Math.ceil(remaining / rate)) : null;
            double shownRate = state == DownloadState.RUNNING ? rate : 0;
            return new DownloadInfo(record.id(), record.group(), record.fileName(), manifest.sha256(), dest.toString(),
                    state, manifest.size(), bytesDone, done.cardinality(), manifest.chunkCount(), shownRate, eta,
                    state == DownloadState.RUNNING ? usable : 0, dropped, error);
        } finally {
            lock.unlock();
        }
    }

    // ---- coordinator ----

    private void run() {
        buffers = new ChunkBuffers(BUFFERS, true);
        workers = new ThreadPoolExecutor(BUFFERS + 2, BUFFERS + 2, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), DaemonThreads.numbered("download-" + record.id()));
        workers.allowCoreThreadTimeOut(true);
        try {
            store = ChunkStore.openForWriting(part, manifest);
            startedNanos = System.nanoTime();
            restartWholeFileHash();
            log.info("download {}: {} of {} from {} ({} of {} chunks already verified)", record.id(), record.fileName(),
                    record.group(), dest, resumedChunks, manifest.chunkCount());
            for (int attempt = 0; ; attempt++) {
                if (!fetchAll()) return;
                if (finish()) return;
                if (attempt >= MAX_WHOLE_FILE_RETRIES) {
                    failed("the whole file kept failing its SHA-256 check");
                    return;
                }
            }
        } catch (IOException e) {
            failed("cannot write " + part + ": " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("download {} failed", record.id(), e);
            failed("unexpected failure: " + e);
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
                if (refreshDue(now)) startRefresh(now);
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
        List<PeerState> candidates = new ArrayList<>();
        for (PeerState peer : peers.values()) {
            if (peer.usable(now)) candidates.add(peer);
        }
        while (inFlight < MAX_IN_FLIGHT && !candidates.isEmpty()) {
            PeerState least = null;
            for (PeerState peer : candidates) {
                if (least == null || load(peer) < load(least) || (load(peer) == load(least) && peer.rate > least.rate)) {
                    least = peer;
                }
            }
            int chunk = least.inFlight < least.window ? picker.pick(least) : -1;
            if (chunk < 0) {
                candidates.remove(least);
            } else {
                launch(least, chunk, now);
            }
        }
    }

    private static double load(PeerState peer) {
        return (double) peer.inFlight / peer.window;
    }

    private void launch(PeerState peer, int chunk, long now) {
        ChunkRequest request = new ChunkRequest(peer, chunk);
        active.computeIfAbsent(chunk, k -> new ArrayList<>(2)).add(request);
        picker.requested(chunk);
        peer.asking.set(chunk);
        peer.inFlight++;
        if (peer.firstRequestNanos == 0) peer.firstRequestNanos = now;
        inFlight++;
        String currentGrant = grant;
        workers.execute(() -> fetch(request, currentGrant));
    }

    /** Measures the download's and every peer's rate, and sizes each peer's window by its rate. */
    private void sample(long now) {
        long elapsed = now - lastSampleNanos;
        if (elapsed < SAMPLE_NANOS) return;
        double seconds = elapsed / 1e9;
        rate = smooth(rate, bytesSinceSample / seconds);
        bytesSinceSample = 0;
        for (PeerState peer : peers.values()) {
            peer.rate = smooth(peer.rate, peer.bytesSinceSample / seconds);
            peer.bytesSinceSample = 0;
            boolean measured = peer.bytesTotal > 0 || (peer.firstRequestNanos != 0
                    && now - peer.firstRequestNanos > 4 * SAMPLE_NANOS);
            if (measured) {
                int wanted = (int) Math.ceil(peer.rate * QUEUE_SECONDS / Manifest.CHUNK_SIZE);
                peer.window = Math.max(1, Math.min(maxWindow, wanted));
            }
        }
        lastSampleNanos = now;
    }

    private static double smooth(double previous, double current) {
        return previous == 0 ? current : 0.6 * previous + 0.4 * current;
    }

    // ---- workers ----

    private void fetch(ChunkRequest request, String currentGrant) {
        int chunk = request.index;
        ByteBuffer buffer = null;
        FetchResult result = FetchResult.CANCELLED;
        try {
            buffer = buffers.take();
            result = services.peers().fetch(request, manifest.sha256(), currentGrant, manifest.chunkLength(chunk), buffer);
            if (result.kind() == FetchResult.Kind.OK) {
                freeSlot(request);
                services.bytesReceived().increment(buffer.remaining());
                if (!ChunkVerifier.matches(buffer, manifest.chunks().get(chunk))) {
                    result = FetchResult.of(FetchResult.Kind.BAD, "chunk " + chunk + " failed its SHA-256 check");
                } else {
                    accept(request, buffer);
                }
            }
        } catch (InterruptedException e) {
            result = FetchResult.CANCELLED;
        } catch (IOException e) {
            result = FetchResult.CANCELLED;
            failed("cannot write " + part + ": " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("download {}: chunk {} from {} failed", record.id(), chunk, request.peer.url, e);
            result = FetchResult.of(FetchResult.Kind.FAILED, e.toString());
        } finally {
            buffers.release(buffer);
            settle(request, result);
        }
    }

    /** Writes a verified chunk (unless another peer's copy won the race), records it and feeds the whole-file digest. */
    private void accept(ChunkRequest request, ByteBuffer data) throws IOException {
        int chunk = request.index;
        if (locked(() -> done.get(chunk))) return;
        store.write(chunk, data);
        if (markVerified(request)) advanceWholeFileHash(chunk, data);
    }

    private boolean markVerified(ChunkRequest request) throws IOException {
        int chunk = request.index;
        lock.lock();
        try {
            if (done.get(chunk)) return false;
            verified.mark(chunk);
            done.set(chunk);
            int length = manifest.chunkLength(chunk);
            bytesDone += length;
            bytesSinceSample += length;
            fetchedChunks.incrementAndGet();
            services.chunksVerified().increment();
            for (ChunkRequest other : active.getOrDefault(chunk, List.of())) {
                if (other != request) other.cancel();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The bytes are in: the peer may get its next request while this chunk is verified and written. */
    private void freeSlot(ChunkRequest request) {
        locked(() -> {
            request.slotFreed = true;
            request.peer.inFlight--;
            inFlight--;
            wake.signalAll();
        });
    }

    private void settle(ChunkRequest request, FetchResult result) {
        lock.lock();
        try {
            PeerState peer = request.peer;
            int chunk = request.index;
            List<ChunkRequest> requests = active.get(chunk);
            if (requests != null && requests.remove(request) && requests.isEmpty()) active.remove(chunk);
            picker.released(chunk);
            peer.asking.clear(chunk);
            if (!request.slotFreed) {
                peer.inFlight--;
                inFlight--;
            }
            long now = System.nanoTime();
            switch (result.kind()) {
                case OK -> {
                    int length = manifest.chunkLength(chunk);
                    peer.bytesTotal += length;
                    peer.bytesSinceSample += length;
                    peer.failures = 0;
                    peer.missingStreak = 0;
                }
                case BAD -> {
                    services.chunksRejected().increment();
                    peer.bad.set(chunk);
                    peer.badChunks++;
                    log.warn("download {}: {} ({}) sent bad data: {}", record.id(), peer.username, peer.url, result.message());
                    if (peer.badChunks >= MAX_BAD_CHUNKS && !peer.dropped) {
                        drop(peer, "sent " + peer.badChunks + " chunks that failed verification (" + result.message() + ")");
                    } else {
                        picker.recount(peers.values());
                    }
                }
                case BUSY -> {
                    peer.retryAtNanos = now + TimeUnit.MILLISECONDS.toNanos(result.retryAfterMillis());
                    peer.window = Math.max(1, peer.window - 1);
                }
                case UNAUTHORIZED -> {
                    grantRejected = true;
                    backOff(peer, now, result.message());
                }
                case MISSING -> {
                    peer.missing.set(chunk);
                    if (++peer.missingStreak >= MISSING_STREAK_LIMIT) peer.listed = false;
                    picker.recount(peers.values());
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
        peer.failures++;
        peer.lastError = why;
        long backoff = Math.min(MAX_BACKOFF_NANOS, TimeUnit.MILLISECONDS.toNanos(250L << Math.min(peer.failures - 1, 10)));
        peer.retryAtNanos = now + backoff;
        if (peer.failures == 1 || peer.failures % 10 == 0) {
            log.info("download {}: {} ({}) failed {} time(s): {}", record.id(), peer.username, peer.url, peer.failures, why);
        }
    }

    private void drop(PeerState peer, String reason) {
        log.warn("download {}: dropped {} ({}): {}", record.id(), peer.username, peer.url, reason);
        peer.dropped = true;
        peers.remove(peer.url);
        droppedUrls.add(peer.url);
        dropped.add(new DroppedPeer(peer.username, peer.url, reason));
        peer.listed = false;
        for (List<ChunkRequest> requests : active.values()) {
            for (ChunkRequest request : requests) {
                if (request.peer == peer) request.cancel();
            }
        }
        picker.recount(peers.values());
        listener.changed(this);
    }

    // ---- peers and grant from the tracker ----

    private boolean refreshDue(long now) {
        if (refreshing) return false;
        if (grant == null) return now - lastRefreshNanos >= backoffNanos() || lastRefreshNanos == 0;
        long since = now - lastRefreshNanos;
        if (since < backoffNanos()) return false;
        Instant renewAt = grantReceivedAt.plus(Duration.between(grantReceivedAt, grantExpiresAt).dividedBy(2));
        if (Instant.now().isAfter(renewAt)) return true;
        if (grantRejected && since >= TimeUnit.SECONDS.toNanos(1)) return true;
        boolean anyUsable = peers.values().stream().anyMatch(p -> p.usable(now));
        long interval = services.settings().peerRefreshInterval().toNanos();
        return since >= (anyUsable ? interval : Math.min(interval, NO_PEER_REFRESH_NANOS));
    }

    private long backoffNanos() {
        if (refreshFailures == 0) return 0;
        return Math.min(MAX_BACKOFF_NANOS, TimeUnit.MILLISECONDS.toNanos(500L << Math.min(refreshFailures - 1, 10)));
    }

    private void startRefresh(long now) {
        refreshing = true;
        lastRefreshNanos = now;
        workers.execute(this::refresh);
    }

    private void refresh() {
        try {
            FileDetails details = services.tracker().fileDetails(record.group(), record.fileName());
            if (!manifest.sha256().equals(details.manifest().sha256())) {
                failed("the tracker now lists other content under the name " + record.fileName());
                return;
            }
            Map<String, Bitfield> holdings = new LinkedHashMap<>();
            Map<String, String> names = new HashMap<>();
            for (PeerHolding holding : details.peers()) {
                if (HttpUrl.parse(holding.url() == null ? "" : holding.url()) == null) continue;
                names.put(holding.url(), holding.username());
                holdings.put(holding.url(), holderBitfield(holding, details.grant()));
            }
            locked(() -> applyRefresh(details, holdings, names));
        } catch (TrackerException e) {
            locked(() -> {
                refreshFailures++;
                if (e.status() == 403) {
                    fail("the tracker no longer lets this user read " + record.group() + ": " + e.getMessage());
                } else if (refreshFailures == 1 || refreshFailures % 10 == 0) {
                    log.warn("download {}: tracker refused the peer list: {}", record.id(), e.getMessage());
                }
            });
        } catch (TrackerUnavailableException e) {
            locked(() -> {
                if (++refreshFailures == 1 || refreshFailures % 10 == 0) {
                    log.warn("download {}: {}; retrying with backoff", record.id(), e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            log.warn("download {}: peer refresh failed", record.id(), e);
        } finally {
            locked(() -> {
                refreshing = false;
                wake.signalAll();
            });
        }
    }

    /** A holder's chunks: asked of the peer itself for partial holders (the tracker's copy lags), else the tracker's. */
    private Bitfield holderBitfield(PeerHolding holding, String freshGrant) {
        if (holding.complete()) return null;
        try {
            return services.peers().held(holding.url(), manifest.sha256(), freshGrant, manifest.chunkCount());
        } catch (IOException e) {
            try {
                return Bitfield.fromBase64(holding.chunks(), manifest.chunkCount());
            } catch (IllegalArgumentException bad) {
                return new Bitfield(manifest.chunkCount());
            }
        }
    }

    private void applyRefresh(FileDetails details, Map<String, Bitfield> holdings, Map<String, String> names) {
        grant = details.grant();
        grantReceivedAt = Instant.now();
        grantExpiresAt = details.grantExpiresAt() == null ? grantReceivedAt.plusSeconds(60) : details.grantExpiresAt();
        grantRejected = false;
        refreshFailures = 0;
        for (PeerState peer : peers.values()) peer.listed = false;
        for (Map.Entry<String, Bitfield> entry : holdings.entrySet()) {
            String url = entry.getKey();
            if (droppedUrls.contains(url)) continue;
            PeerState peer = peers.computeIfAbsent(url,
                    u -> new PeerState(u, names.get(u), services.settings().requestsPerPeer()));
            peer.username = names.get(url);
            peer.have = entry.getValue();
            peer.listed = true;
            peer.missing.clear();
            peer.missingStreak = 0;
        }
        peers.values().removeIf(p -> !p.listed && p.inFlight == 0);
        picker.recount(peers.values());
    }

    // ---- the end ----

    /** Checks the whole file and moves it into place; false when chunks must be fetched again. */
    private boolean finish() throws IOException {
        // No fsync: the verified map and the whole-file check below catch what a crash could lose.
        store.setLength();
        long fetchedNanos = System.nanoTime();
        int hashedWhenFetched = locked(() -> hashedChunks);
        byte[] digest = awaitWholeFileDigest();
        if (digest == null) return true;
        boolean intact = Hex.of(digest).equals(manifest.sha256());
        long checkedNanos = System.nanoTime();
        if (!intact) {
            int bad = recheckChunks();
            if (bad == 0) {
                failed("every chunk matches the manifest but the whole file does not: the manifest is inconsistent");
                return true;
            }
            log.warn("download {}: {} chunk(s) on disk no longer matched; fetching them again", record.id(), bad);
            restartWholeFileHash();
            return false;
        }
        if (locked(() -> stopRequested)) return true;
        if (Files.exists(dest) && !record.overwrite()) {
            failed(dest + " exists already (ask to overwrite it)");
            return true;
        }
        closeStore();
        try {
            Files.move(part, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, dest, StandardCopyOption.REPLACE_EXISTING);
        }
        locked(() -> {
            state = DownloadState.COMPLETE;
            stopState = DownloadState.COMPLETE;
            rate = 0;
        });
        log.info("download {}: {} complete ({} chunks fetched, {} resumed; fetching took {} ms, the whole-file check"
                        + " {} ms more from chunk {})", record.id(), dest, fetchedChunks.get(), resumedChunks,
                (fetchedNanos - startedNanos) / 1_000_000, (checkedNanos - fetchedNanos) / 1_000_000, hashedWhenFetched);
        listener.completed(this);
        return true;
    }

    private void restartWholeFileHash() {
        locked(() -> {
            hashedChunks = 0;
            wholeFile = ChunkVerifier.sha256();
        });
    }

    /**
     * Feeds verified chunks into the whole-file digest in file order, so that most of the whole-file
     * check happens while the rest of the file is still arriving. Whichever thread finds the next
     * chunk verified and nobody hashing takes over and goes on as far as the verified chunks reach;
     * the chunk it just received ({@code inHand}, may be -1) is hashed from memory, others are read back.
     */
    private void advanceWholeFileHash(int inHand, ByteBuffer data) throws IOException {
        int next;
        MessageDigest digest;
        lock.lock();
        try {
            if (hashing || hashedChunks == manifest.chunkCount() || !done.get(hashedChunks)) return;
            hashing = true;
            next = hashedChunks;
            digest = wholeFile;
        } finally {
            lock.unlock();
        }
        boolean handedBack = false;
        try {
            while (true) {
                ByteBuffer bytes;
                if (next == inHand) {
                    bytes = data.duplicate();
                } else {
                    if (hashBuffer == null) hashBuffer = ByteBuffer.allocateDirect(Manifest.CHUNK_SIZE);
                    bytes = store.read(next, hashBuffer);
                }
                digest.update(bytes);
                lock.lock();
                try {
                    hashedChunks = ++next;
                    if (stopRequested || next == manifest.chunkCount() || !done.get(next)) {
                        hashing = false;
                        handedBack = true;
                        hashable.signalAll();
                        return;
                    }
                } finally {
                    lock.unlock();
                }
            }
        } finally {
            if (!handedBack) {
                locked(() -> {
                    hashing = false;
                    hashable.signalAll();
                });
            }
        }
    }

    /** The whole-file digest once every chunk went into it; null when the download stopped meanwhile. */
    private byte[] awaitWholeFileDigest() throws IOException {
        while (true) {
            lock.lock();
            try {
                if (stopRequested) return null;
                if (!hashing && hashedChunks == manifest.chunkCount()) return wholeFile.digest();
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
            advanceWholeFileHash(-1, null);
        }
    }

    private int recheckChunks() throws IOException {
        int bad = 0;
        ByteBuffer buffer = takeBuffer();
        try {
            for (int i = 0; i < manifest.chunkCount(); i++) {
                if (!ChunkVerifier.matches(store.read(i, buffer), manifest.chunks().get(i))) {
                    bad++;
                    verified.unmark(i);
                    int chunk = i;
                    locked(() -> {
                        done.clear(chunk);
                        bytesDone -= manifest.chunkLength(chunk);
                    });
                }
            }
        } finally {
            buffers.release(buffer);
        }
        return bad;
    }

    private ByteBuffer takeBuffer() throws IOException {
        try {
            return buffers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void failed(String why) {
        locked(() -> fail(why));
    }

    /** Stops the download as FAILED with {@code why} (the lock is held). */
    private void fail(String why) {
        if (stopRequested && stopState == DownloadState.FAILED) return;
        log.warn("download {} failed: {}", record.id(), why);
        error = why;
        stopRequested = true;
        stopState = DownloadState.FAILED;
        wake.signalAll();
        hashable.signalAll();
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
