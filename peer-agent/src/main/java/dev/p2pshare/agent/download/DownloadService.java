package dev.p2pshare.agent.download;

import dev.p2pshare.agent.chunk.HeldFiles;
import dev.p2pshare.agent.chunk.VerifiedChunks;
import dev.p2pshare.agent.share.ShareService;
import dev.p2pshare.agent.system.AgentHome;
import dev.p2pshare.agent.system.AgentReady;
import dev.p2pshare.agent.system.AgentSettings;
import dev.p2pshare.agent.system.DaemonThreads;
import dev.p2pshare.agent.system.JsonFiles;
import dev.p2pshare.agent.tracker.TrackerClient;
import dev.p2pshare.agent.tracker.TrackerException;
import dev.p2pshare.agent.tracker.TrackerUnavailableException;
import dev.p2pshare.shared.FileNames;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.Names;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadRequest;
import dev.p2pshare.shared.control.DownloadState;
import dev.p2pshare.shared.tracker.ChunkAvailability;
import dev.p2pshare.shared.tracker.FileDetails;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agent's downloads: starts, pauses and resumes them, remembers them in home/downloads/ (a
 * restarted agent resumes the running ones), tells the tracker in batches which chunks they hold,
 * and hands completed files to sharing.
 */
@Service
public class DownloadService implements SwarmDownload.Listener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DownloadService.class);
    private static final String DIR = "downloads";
    private static final String PART_SUFFIX = ".part";

    private final TrackerClient tracker;
    private final HeldFiles heldFiles;
    private final ShareService shares;
    private final JsonFiles jsonFiles;
    private final AgentSettings settings;
    private final SwarmDownload.Services services;
    private final Path dir;
    private final Map<String, SwarmDownload> downloads = new LinkedHashMap<>();
    private final Map<String, VerifiedChunks> chunkMaps = new LinkedHashMap<>();
    private final Map<String, Integer> reported = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reporter =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("chunk-reporter"));
    private final ExecutorService stateWriter = Executors.newSingleThreadExecutor(DaemonThreads.named("download-state"));
    private final SecureRandom random = new SecureRandom();

    /** A download request's outcome: the download and whether it is new. */
    public record Started(DownloadInfo info, boolean created) {
    }

    public DownloadService(TrackerClient tracker, PeerClient peers, HeldFiles heldFiles, ShareService shares,
                           JsonFiles jsonFiles, AgentSettings settings, AgentHome home, MeterRegistry meters) {
        this.tracker = tracker;
        this.heldFiles = heldFiles;
        this.shares = shares;
        this.jsonFiles = jsonFiles;
        this.settings = settings;
        this.services = new SwarmDownload.Services(tracker, peers, settings,
                meters.counter("p2p.chunks.verified"), meters.counter("p2p.chunks.rejected"),
                meters.counter("p2p.bytes.received"));
        Gauge.builder("p2p.downloads.active", this, DownloadService::running)
                .description("downloads running now").register(meters);
        this.dir = home.file(DIR);
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
                for (Path file : files) load(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    private void load(Path file) {
        try {
            DownloadRecord record = jsonFiles.read(file, DownloadRecord.class);
            SwarmDownload download = open(record);
            downloads.put(record.id(), download);
            if (record.state() != DownloadState.COMPLETE && Files.exists(download.held().path())) {
                heldFiles.add(download.held());
            }
        } catch (RuntimeException | IOException e) {
            log.warn("ignoring unreadable download state {}: {}", file, e.getMessage());
        }
    }

    private SwarmDownload open(DownloadRecord record) throws IOException {
        VerifiedChunks chunks = VerifiedChunks.open(dir.resolve(record.id() + ".chunks"), record.manifest().chunkCount());
        chunkMaps.put(record.id(), chunks);
        Path dest = Path.of(record.dest());
        return new SwarmDownload(record, dest.resolveSibling(dest.getFileName() + PART_SUFFIX), chunks, services, this);
    }

    /** Resumes what was running when the agent stopped, and starts telling the tracker what downloads hold. */
    @EventListener
    public void onReady(AgentReady ready) {
        for (SwarmDownload download : snapshot()) {
            if (download.state() == DownloadState.RUNNING) download.start();
        }
        long period = Math.max(100, settings.availabilityInterval().toMillis());
        reporter.scheduleWithFixedDelay(this::reportHeldChunks, period, period, TimeUnit.MILLISECONDS);
    }

    public Started start(DownloadRequest request) {
        if (request == null || !Names.isValid(request.group())) throw bad("invalid group name");
        if (!FileNames.isValid(request.fileName())) throw bad("invalid file name");
        if (request.dest() == null || !Path.of(request.dest()).isAbsolute()) throw bad("dest must be an absolute path");
        Path target = target(request);
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw bad("no such folder: " + target.getParent());
        }
        if (!Files.isWritable(target.getParent())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "cannot write in " + target.getParent());
        }
        synchronized (this) {
            for (SwarmDownload download : downloads.values()) {
                DownloadRecord record = download.record();
                boolean same = record.group().equals(request.group()) && record.fileName().equals(request.fileName())
                        && download.dest().equals(target);
                if (same && record.state() != DownloadState.COMPLETE) {
                    if (record.state() != DownloadState.RUNNING) download.start();
                    return new Started(download.info(), false);
                }
                if (!same && download.dest().equals(target) && record.state() != DownloadState.COMPLETE) {
                    throw new ResponseStatusException(HttpStatus.CONFLICT, "download " + record.id() + " writes to " + target);
                }
            }
        }
        if (Files.exists(target) && !request.overwriteOrDefault()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, target + " exists already (ask to overwrite it)");
        }
        FileDetails details = tracker.fileDetails(request.group(), request.fileName());
        Manifest manifest = details.manifest();
        if (manifest == null || manifest.problem() != null || !manifest.name().equals(request.fileName())) {
            throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "the tracker sent an unusable manifest");
        }
        synchronized (this) {
            downloads.values().removeIf(d -> {
                boolean replaced = d.state() == DownloadState.COMPLETE && d.dest().equals(target);
                if (replaced) forget(d.id());
                return replaced;
            });
            String id = newId();
            DownloadRecord record = new DownloadRecord(id, request.group(), request.fileName(), target.toString(),
                    request.overwriteOrDefault(), request.seedOrDefault(), DownloadState.RUNNING, null, manifest, List.of());
            SwarmDownload download;
            try {
                Files.deleteIfExists(target.resolveSibling(target.getFileName() + PART_SUFFIX));
                Files.deleteIfExists(dir.resolve(id + ".chunks"));
                download = open(record);
            } catch (IOException e) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "cannot prepare " + target + ": " + e.getMessage());
            }
            downloads.put(id, download);
            heldFiles.add(download.held());
            download.start();
            return new Started(download.info(), true);
        }
    }

    /** Where a request's file goes: dest itself, or the file's own name inside dest when dest is a folder. */
    private static Path target(DownloadRequest request) {
        Path dest = Path.of(request.dest()).normalize();
        return Files.isDirectory(dest) ? dest.resolve(request.fileName()) : dest;
    }

    public List<DownloadInfo> list() {
        return snapshot().stream().map(SwarmDownload::info).toList();
    }

    public DownloadInfo info(String id) {
        return find(id).info();
    }

    public DownloadInfo pause(String id) {
        SwarmDownload download = find(id);
        if (download.state() == DownloadState.RUNNING) download.stop(DownloadState.PAUSED);
        return download.info();
    }

    /** The download engine itself (tests look at its counters). */
    SwarmDownload download(String id) {
        return find(id);
    }

    /** Persists the download's state; written by one thread in call order, so no caller waits on the disk or a lock. */
    @Override
    public void changed(SwarmDownload download) {
        DownloadRecord record = download.record();
        stateWriter.execute(() -> jsonFiles.write(dir.resolve(record.id() + ".json"), record));
    }

    @Override
    public void completed(SwarmDownload download) {
        changed(download);
        heldFiles.remove(download.held());
        reported.remove(download.id());
        closeChunkMap(download.id());
        DownloadRecord record = download.record();
        if (record.seed()) {
            shares.adopt(record.group(), download.dest(), download.manifest());
        } else if (heldFiles.find(download.manifest().sha256(), record.group()) == null) {
            // Withdraw the partial holding, unless this agent still serves the file in that group (shares it itself).
            try {
                tracker.stopSharing(record.group(), record.fileName());
            } catch (RuntimeException e) {
                log.info("could not withdraw the partial holding of {}: {}", record.fileName(), e.getMessage());
            }
        }
    }

    /** Tells the tracker which chunks each unfinished download holds, when that changed (batched). */
    private void reportHeldChunks() {
        for (SwarmDownload download : snapshot()) {
            if (download.state() == DownloadState.COMPLETE) continue;
            int held = download.verifiedChunks().cardinality();
            Integer last = reported.get(download.id());
            if (held == 0 || Objects.equals(last, held)) continue;
            DownloadRecord record = download.record();
            try {
                tracker.reportChunks(record.group(), record.fileName(),
                        new ChunkAvailability(download.manifest().sha256(), download.verifiedChunks().toBase64()));
                reported.put(download.id(), held);
            } catch (TrackerUnavailableException e) {
                return;
            } catch (TrackerException e) {
                log.info("the tracker refused the chunk report for {}: {}", record.fileName(), e.getMessage());
                reported.put(download.id(), held);
            } catch (RuntimeException e) {
                log.warn("chunk report failed", e);
            }
        }
    }

    private synchronized long running() {
        return downloads.values().stream().filter(d -> d.state() == DownloadState.RUNNING).count();
    }

    private synchronized List<SwarmDownload> snapshot() {
        return new ArrayList<>(downloads.values());
    }

    private synchronized SwarmDownload find(String id) {
        SwarmDownload download = downloads.get(id);
        if (download == null) throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no download " + id);
        return download;
    }

    private void forget(String id) {
        closeChunkMap(id);
        stateWriter.execute(() -> {
            try {
                Files.deleteIfExists(dir.resolve(id + ".json"));
                Files.deleteIfExists(dir.resolve(id + ".chunks"));
            } catch (IOException e) {
                log.warn("cannot remove the state of download {}: {}", id, e.getMessage());
            }
        });
    }

    private synchronized void closeChunkMap(String id) {
        VerifiedChunks chunks = chunkMaps.remove(id);
        if (chunks == null) return;
        try {
            chunks.close();
        } catch (IOException e) {
            log.warn("closing the chunk map of {}: {}", id, e.getMessage());
        }
    }

    private String newId() {
        String id;
        do {
            byte[] bytes = new byte[4];
            random.nextBytes(bytes);
            id = HexFormat.of().formatHex(bytes);
        } while (downloads.containsKey(id));
        return id;
    }

    private static ResponseStatusException bad(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }

    @Override
    public void close() {
        reporter.shutdownNow();
        for (SwarmDownload download : snapshot()) download.stop(null);
        stateWriter.shutdown();
        try {
            stateWriter.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (String id : new ArrayList<>(chunkMaps.keySet())) closeChunkMap(id);
    }
}
