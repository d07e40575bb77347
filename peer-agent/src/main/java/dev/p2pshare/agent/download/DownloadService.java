package dev.p2pshare.agent.download;

import dev.p2pshare.agent.chunk.HeldFiles;
import dev.p2pshare.agent.chunk.VerifiedChunks;
import dev.p2pshare.agent.share.ShareService;
import dev.p2pshare.agent.system.AgentHome;
import dev.p2pshare.agent.system.AgentReady;
import dev.p2pshare.agent.system.AgentSettings;
import dev.p2pshare.agent.system.FolderLimitSettings;
import dev.p2pshare.agent.system.JsonFiles;
import dev.p2pshare.agent.system.Problems;
import dev.p2pshare.agent.system.RateLimits;
import dev.p2pshare.agent.tracker.TrackerClient;
import dev.p2pshare.shared.FileNames;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.Names;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadRequest;
import dev.p2pshare.shared.control.DownloadState;
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
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The agent's downloads: starts, pauses, resumes and cancels them (a restarted agent resumes the running
 * ones), checks download requests, hands completed files to sharing, and forgets finished ones when asked.
 * Records are kept by {@link DownloadStore}; what the downloads hold is told to the tracker by
 * {@link AvailabilityReporter}.
 */
@Service
public class DownloadService implements SwarmDownload.Listener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DownloadService.class);
    private static final String PART_SUFFIX = ".part";
    /** The order of the list: oldest first (records from before start times were kept come first). */
    private static final Comparator<DownloadInfo> OLDEST_FIRST = Comparator.comparing(DownloadInfo::startedAt,
            Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(DownloadInfo::id);

    private final TrackerClient tracker;
    private final HeldFiles heldFiles;
    private final ShareService shares;
    private final AgentSettings settings;
    private final FolderLimitSettings folderLimits;
    private final SwarmDownload.Services services;
    private final DownloadStore store;
    private final AvailabilityReporter reporter;
    private final Map<String, SwarmDownload> downloads = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** A download request's outcome: the download and whether it is new. */
    public record Started(DownloadInfo info, boolean created) {
    }

    public DownloadService(TrackerClient tracker, PeerClient peers, HeldFiles heldFiles, ShareService shares,
                           JsonFiles jsonFiles, AgentSettings settings, RateLimits limits, AgentHome home,
                           MeterRegistry meters, FolderLimitSettings folderLimits) {
        this.tracker = tracker;
        this.heldFiles = heldFiles;
        this.shares = shares;
        this.settings = settings;
        this.folderLimits = folderLimits;
        this.services = new SwarmDownload.Services(tracker, peers, settings, limits,
                meters.counter("p2p.chunks.verified"), meters.counter("p2p.chunks.rejected"),
                meters.counter("p2p.bytes.received"));
        Gauge.builder("p2p.downloads.active", this, DownloadService::running)
                .description("downloads running now").register(meters);
        this.store = new DownloadStore(jsonFiles, home.file("downloads"));
        this.reporter = new AvailabilityReporter(tracker, this::snapshot);
        for (DownloadRecord record : store.load()) {
            try {
                SwarmDownload download = open(record);
                downloads.put(record.id(), download);
                if (record.state() != DownloadState.COMPLETE && Files.exists(partOf(download.dest()), LinkOption.NOFOLLOW_LINKS)) {
                    heldFiles.add(download.held());
                }
            } catch (RuntimeException | IOException e) {
                log.warn("ignoring download {}: {}", record.id(), e.getMessage());
            }
        }
    }

    private SwarmDownload open(DownloadRecord record) throws IOException {
        Path dest = Path.of(record.dest());
        Path part = partOf(dest);
        VerifiedChunks verified = store.chunkMap(record);
        Function<DownloadTarget.Chunks, DownloadTarget> target;
        if (record.manifest().isFolder()) {
            FolderSelection selection = FolderSelection.of(record.manifest(), folderLimits.limits(), record.only(),
                    record.exclude());
            VerifiedChunks placed = store.fileMap(record);
            target = chunks -> new FolderDownload(record.manifest(), selection, dest, part, record.overwrite(), placed, chunks);
        } else {
            target = chunks -> new FileTarget(record.manifest(), part, dest, record.overwrite(), verified.bitfield(), chunks);
        }
        return new SwarmDownload(record, part, verified, services, this, target);
    }

    /** Resumes what was running when the agent stopped, and starts telling the tracker what downloads hold. */
    @EventListener
    public void onReady(AgentReady ready) {
        for (SwarmDownload download : snapshot()) {
            if (download.state() == DownloadState.RUNNING) download.start();
        }
        reporter.start(settings.availabilityInterval());
    }

    public Started start(DownloadRequest request) {
        if (request == null || !Names.isValid(request.group())) throw bad("invalid group name");
        if (!FileNames.isValid(request.fileName())) throw bad("invalid file name");
        if (request.dest() == null || !Path.of(request.dest()).isAbsolute()) throw bad("dest must be an absolute path");
        if (request.maxRateOrDefault() < 0) throw bad("maxRate cannot be negative (0 is no limit)");
        Path target = target(request);
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw bad("no such folder: " + target.getParent());
        }
        if (!Files.isWritable(target.getParent())) {
            throw Problems.of(HttpStatus.FORBIDDEN, "cannot write in " + target.getParent());
        }
        synchronized (this) {
            Started existing = existing(request, target);
            if (existing != null) return existing;
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !request.overwriteOrDefault()) {
            throw Problems.of(HttpStatus.CONFLICT, target + " exists already (ask to overwrite it)");
        }
        FileDetails details = tracker.fileDetails(request.group(), request.fileName());
        Manifest manifest = details.manifest();
        if (manifest == null || !manifest.name().equals(request.fileName())
                || (!manifest.isFolder() && manifest.problem() != null)) {
            throw Problems.of(HttpStatus.BAD_GATEWAY, "the tracker sent an unusable manifest");
        }
        checkFolder(manifest, request, target);
        synchronized (this) {
            // The same request may have come in while the tracker answered: checking and adding is one step.
            Started existing = existing(request, target);
            if (existing != null) return existing;
            Path part = partOf(target);
            if (Files.isSymbolicLink(part)) {
                throw Problems.of(HttpStatus.CONFLICT, part + " is a symbolic link: refusing to write through it");
            }
            if (manifest.isFolder() && Files.exists(part, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(part, LinkOption.NOFOLLOW_LINKS)) {
                throw Problems.of(HttpStatus.CONFLICT, part + " is in the way: it is not a folder");
            }
            downloads.values().removeIf(d -> {
                boolean replaced = d.state() == DownloadState.COMPLETE && d.dest().equals(target);
                if (replaced) store.forget(d.id());
                return replaced;
            });
            String id = newId();
            DownloadRecord record = new DownloadRecord(id, request.group(), request.fileName(), target.toString(),
                    request.overwriteOrDefault(), request.seedOrDefault(), DownloadState.RUNNING, null, manifest, List.of(),
                    Instant.now(), request.maxRateOrDefault(), request.only(), request.exclude());
            SwarmDownload download;
            try {
                FolderDownload.deletePartArea(part);
                store.clearChunkMap(id);
                download = open(record);
            } catch (IOException e) {
                throw Problems.of(HttpStatus.CONFLICT, "cannot prepare " + target + ": " + e.getMessage());
            }
            downloads.put(id, download);
            heldFiles.add(download.held());
            download.start();
            return new Started(download.info(), true);
        }
    }

    /**
     * The unfinished download of the same file to the same place (resumed if paused), or null; 409 when
     * another file is being downloaded there. The lock is held.
     */
    private Started existing(DownloadRequest request, Path target) {
        for (SwarmDownload download : downloads.values()) {
            DownloadRecord record = download.record();
            boolean same = record.group().equals(request.group()) && record.fileName().equals(request.fileName())
                    && download.dest().equals(target);
            if (same && record.state() != DownloadState.COMPLETE) {
                if (!record.only().equals(request.only()) || !record.exclude().equals(request.exclude())) {
                    throw Problems.of(HttpStatus.CONFLICT, "download " + record.id() + " fetches another choice of "
                            + record.fileName() + " (--only/--exclude) to " + target + "; repeat its choice to resume it,"
                            + " or cancel it first");
                }
                if (request.maxRate() != null) download.limit(request.maxRate());
                if (record.state() != DownloadState.RUNNING) download.start();
                return new Started(download.info(), false);
            }
            if (!same && download.dest().equals(target) && record.state() != DownloadState.COMPLETE) {
                throw Problems.of(HttpStatus.CONFLICT, "download " + record.id() + " writes to " + target);
            }
        }
        return null;
    }

    /**
     * A folder's manifest is checked before anything is written (400 naming what is wrong: a hostile path, a
     * limit), and so is the choice of its files; a file takes no choice.
     */
    private void checkFolder(Manifest manifest, DownloadRequest request, Path target) {
        if (!manifest.isFolder()) {
            if (!request.only().isEmpty() || !request.exclude().isEmpty()) {
                throw bad("--only and --exclude choose files of a folder; " + manifest.name() + " is a file");
            }
            return;
        }
        try {
            FolderSelection.of(manifest, folderLimits.limits(), request.only(), request.exclude());
        } catch (IllegalArgumentException e) {
            String setting = FolderLimitSettings.settingOf(e.getMessage());
            throw bad(e.getMessage() + (setting == null ? "" : "; the limit is " + setting));
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw Problems.of(HttpStatus.CONFLICT, target + " exists and is not a folder");
        }
    }

    private static Path partOf(Path dest) {
        return dest.resolveSibling(dest.getFileName() + PART_SUFFIX);
    }

    /** Where a request's file goes: dest itself, or the file's own name inside dest when dest is a folder. */
    private static Path target(DownloadRequest request) {
        Path dest = Path.of(request.dest()).normalize();
        return Files.isDirectory(dest) ? dest.resolve(request.fileName()) : dest;
    }

    public List<DownloadInfo> list() {
        return snapshot().stream().map(SwarmDownload::info).sorted(OLDEST_FIRST).toList();
    }

    public DownloadInfo info(String id) {
        return find(id).info();
    }

    public DownloadInfo pause(String id) {
        SwarmDownload download = find(id);
        if (download.state() == DownloadState.RUNNING) download.stop(DownloadState.PAUSED);
        return download.info();
    }

    /** Stops a download that is not complete and removes its {@code .part}, chunk map and record. */
    public DownloadInfo cancel(String id) {
        SwarmDownload download;
        synchronized (this) {
            download = find(id);
            if (download.state() == DownloadState.COMPLETE) {
                throw Problems.of(HttpStatus.CONFLICT, "download " + id + " is complete: nothing to cancel"
                        + " (forgetting finished downloads removes it from the list)");
            }
            downloads.remove(id);
        }
        forget(download);
        log.info("download {}: cancelled; {} and its chunk map removed", id, partOf(download.dest()));
        return download.info();
    }

    /** Forgets the complete and failed downloads (a failed one's {@code .part} goes too); returns them. */
    public List<DownloadInfo> clear() {
        List<SwarmDownload> finished;
        synchronized (this) {
            finished = downloads.values().stream().filter(d -> d.state().finished()).toList();
            for (SwarmDownload download : finished) downloads.remove(download.id());
        }
        for (SwarmDownload download : finished) forget(download);
        return finished.stream().map(SwarmDownload::info).sorted(OLDEST_FIRST).toList();
    }

    /**
     * Stops a download taken out of the list and removes what it left: its record and chunk map and, unless
     * it completed, its {@code .part} and partial holding at the tracker.
     */
    private void forget(SwarmDownload download) {
        download.stop(null);
        reporter.forget(download.id());
        if (download.state() != DownloadState.COMPLETE) heldFiles.remove(download.held());
        store.forget(download.id());
        if (download.state() == DownloadState.COMPLETE) return;
        try {
            download.discardPart();
        } catch (IOException e) {
            log.warn("download {}: cannot remove {}: {}", download.id(), partOf(download.dest()), e.getMessage());
        }
        withdrawHolding(download);
    }

    /** Sets one download's own rate limit in bytes per second (0: none), taking effect at once. */
    public DownloadInfo limit(String id, long bytesPerSecond) {
        if (bytesPerSecond < 0) throw bad("maxRate cannot be negative (0 is no limit)");
        SwarmDownload download = find(id);
        download.limit(bytesPerSecond);
        return download.info();
    }

    /** The download engine itself (tests look at its counters). */
    SwarmDownload download(String id) {
        return find(id);
    }

    /** Persists the download's state (in the background, in call order). */
    @Override
    public void changed(SwarmDownload download) {
        store.save(download.record());
    }

    @Override
    public void completed(SwarmDownload download) {
        changed(download);
        heldFiles.remove(download.held());
        reporter.forget(download.id());
        store.closeChunkMap(download.id());
        DownloadRecord record = download.record();
        if (record.seed() && record.only().isEmpty() && record.exclude().isEmpty()) { // a part of a folder is not seeded
            shares.adopt(record.group(), download.dest(), download.manifest());
        } else {
            withdrawHolding(download);
        }
    }

    /** Withdraws the download's partial holding at the tracker, unless this agent still serves the file there. */
    private void withdrawHolding(SwarmDownload download) {
        String group = download.record().group();
        if (heldFiles.find(download.manifest().sha256(), group) == null) {
            reporter.withdraw(group, download.record().fileName());
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
        if (download == null) throw Problems.of(HttpStatus.NOT_FOUND, "no download " + id);
        return download;
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
        return Problems.of(HttpStatus.BAD_REQUEST, detail);
    }

    @Override
    public void close() {
        reporter.close();
        for (SwarmDownload download : snapshot()) download.stop(null);
        store.close();
    }
}
