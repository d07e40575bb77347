package dev.p2pshare.agent.share;

import dev.p2pshare.agent.chunk.FileStamp;
import dev.p2pshare.agent.chunk.FolderRoot;
import dev.p2pshare.agent.chunk.HeldFile;
import dev.p2pshare.agent.chunk.HeldFileChanged;
import dev.p2pshare.agent.chunk.HeldFiles;
import dev.p2pshare.agent.chunk.ManifestHasher;
import dev.p2pshare.agent.system.AgentHome;
import dev.p2pshare.agent.system.DaemonThreads;
import dev.p2pshare.agent.system.FolderLimitSettings;
import dev.p2pshare.agent.system.JsonFiles;
import dev.p2pshare.agent.tracker.TrackerClient;
import dev.p2pshare.agent.tracker.TrackerConnected;
import dev.p2pshare.agent.tracker.TrackerException;
import dev.p2pshare.agent.tracker.TrackerMemberships;
import dev.p2pshare.agent.tracker.TrackerUnavailableException;
import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.FileNames;
import dev.p2pshare.shared.FolderLimits;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.ManifestFile;
import dev.p2pshare.shared.Names;
import dev.p2pshare.shared.control.HashingProgress;
import dev.p2pshare.shared.control.ShareInfo;
import dev.p2pshare.shared.control.SkippedPath;
import dev.p2pshare.shared.control.StoppedShare;
import dev.p2pshare.shared.tracker.ChunkAvailability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.type.TypeReference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The files and folders this agent shares: hashes them, registers them with the tracker, remembers them in the
 * home (so a restarted agent shares them again) and stops sharing a file that changed on disk, or that
 * is in a group the user is no longer a member of (only members hold). A share it stopped by itself for a
 * reason the user can act on (changed on disk, refused by the tracker) stays listed as {@link StoppedShare}
 * with that reason and the fix, until it is shared again or stop_sharing forgets it.
 */
@Service
public class ShareService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShareService.class);
    private static final String STATE_FILE = "shares.json";
    /** What to tell the user about a file no longer what was hashed, or refused by the tracker. */
    private static final String UPLOAD_AGAIN = "upload it again, or stop_sharing to forget it";
    /** A hash not known yet: a folder's limits and paths are checked before it is hashed. */
    private static final String UNKNOWN_HASH = "0".repeat(64);

    private final TrackerClient tracker;
    private final FolderLimitSettings folderLimits;
    private final HeldFiles heldFiles;
    private final JsonFiles jsonFiles;
    private final Path stateFile;
    private final HashingCheckpoints checkpoints;
    private final Map<String, Share> shares = new ConcurrentHashMap<>();
    private final Map<String, Hashing> hashing = new ConcurrentHashMap<>();
    private final Map<String, StoppedShare> stopped = new ConcurrentHashMap<>();
    /** Tracker calls that must not hold up the caller (the chunk server noticing a changed file). */
    private final ExecutorService background = Executors.newSingleThreadExecutor(DaemonThreads.named("share-tracker"));

    /** {@code addedNanos}: when this agent began serving it ({@link System#nanoTime()}). */
    private record Share(SharedFile file, HeldFile held, long addedNanos) {
    }

    /** A hashing in progress, listed by {@link #hashing}; {@code checkpoints} keeps where it could resume. */
    private record Hashing(Path path, AtomicLong done, long size, AtomicInteger filesDone, int files,
                           Consumer<Supplier<ManifestHasher.Checkpoint>> checkpoints) implements ManifestHasher.Progress {
        @Override
        public void update(long bytes, int filesHashed) {
            done.set(bytes);
            filesDone.set(filesHashed);
        }

        @Override
        public void checkpoint(Supplier<ManifestHasher.Checkpoint> state) {
            checkpoints.accept(state);
        }
    }

    /** The hashing itself, reporting to {@code progress}. */
    private interface Hash {
        Manifest run(Hashing progress) throws IOException;
    }

    /** A share request's outcome: the share and whether it is new. */
    public record Shared(ShareInfo info, boolean created) {
    }

    public ShareService(TrackerClient tracker, HeldFiles heldFiles, JsonFiles jsonFiles, AgentHome home,
                        FolderLimitSettings folderLimits) {
        this.tracker = tracker;
        this.folderLimits = folderLimits;
        this.heldFiles = heldFiles;
        this.jsonFiles = jsonFiles;
        this.stateFile = home.file(STATE_FILE);
        this.checkpoints = new HashingCheckpoints(jsonFiles, home.dir());
        if (Files.exists(stateFile)) {
            for (SharedFile file : jsonFiles.read(stateFile, new TypeReference<List<SharedFile>>() {})) {
                String change = file.changeOnDisk();
                if (change == null) {
                    add(file);
                } else {
                    log.warn("{} changed or vanished while the agent was stopped ({}): no longer sharing it in {}",
                            file.path(), change, file.group());
                    remember(file, change, UPLOAD_AGAIN);
                    background.execute(() -> tellTrackerStopped(file));
                }
            }
            save();
        }
    }

    /**
     * Hashes the file or folder at {@code path} and shares it in {@code group}; blocks while hashing. A folder's
     * tree is walked without following links: its symbolic links and special files are left out, and named in
     * the answer's {@code skipped}.
     */
    public Shared share(String pathText, String group) {
        if (!Names.isValid(group)) throw bad("invalid group name");
        if (pathText == null || !Path.of(pathText).isAbsolute()) throw bad("path must be absolute");
        Path path = Path.of(pathText).normalize();
        boolean folder = Files.isDirectory(path);
        if (!folder && !Files.isRegularFile(path)) throw bad("no such file: " + path);
        if (!Files.isReadable(path)) throw bad("cannot read " + path);
        Path fileName = path.getFileName();
        String name = fileName == null ? "" : fileName.toString();
        if (!FileNames.isValid(name)) throw bad("the " + (folder ? "folder" : "file") + " name is not allowed: " + name);

        Share existing = shares.get(key(group, name));
        if (existing != null && !existing.file().path().equals(path.toString())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "already sharing another file named " + name + " in " + group + ": " + existing.file().path());
        }
        if (folder) return shareFolder(path, name, group, existing);
        FileStamp before = FileStamp.current(path);
        if (existing != null && Objects.equals(existing.file().stamp(), before)) {
            tracker.registerFile(group, existing.file().manifest());
            return new Shared(existing.file().info(), false);
        }
        Manifest manifest = hash(new Hashing(path, new AtomicLong(), before == null ? 0 : before.size(), new AtomicInteger(), 1,
                        state -> { }),
                progress -> ManifestHasher.hash(path, name, progress.done()::set),
                () -> Objects.equals(before, FileStamp.current(path)));
        return publish(new SharedFile(group, path.toString(), manifest, before), existing, List.of());
    }

    /** Shares a folder: refused before hashing when it is past the folder limits or holds a path no peer may write. */
    private Shared shareFolder(Path root, String name, String group, Share existing) {
        FolderTree tree;
        try {
            tree = FolderTree.walk(root, folderLimits.limits());
        } catch (IOException e) {
            throw bad("cannot read " + e.getMessage());
        }
        checkLimits(root, name, tree);
        for (SkippedPath skipped : tree.skipped()) log.warn("sharing {}: skipped {}", root, skipped);
        if (existing != null && tree.stamps().equals(existing.file().stamps())
                && existing.file().manifest().isFolder()
                && tree.files().equals(existing.file().manifest().files().stream().map(ManifestFile::path).toList())
                && tree.emptyFolders().equals(existing.file().manifest().emptyFolders())) {
            tracker.registerFile(group, existing.file().manifest());
            return new Shared(existing.file().info().withSkipped(tree.skipped()), false);
        }
        ManifestHasher.Checkpoint from = checkpoints.load(group, tree);
        Manifest manifest = hash(new Hashing(root, new AtomicLong(), tree.size(), new AtomicInteger(), tree.files().size(),
                        checkpoints.saver(group, tree)::offer),
                progress -> ManifestHasher.hashFolder(name, tree.files(), tree.emptyFolders(),
                        new FolderRoot(root, tree.files()), from, progress),
                () -> tree.stamps().equals(tree.currentStamps()));
        checkpoints.delete(group, root);
        return publish(new SharedFile(group, root.toString(), manifest, null, tree.stamps()), existing, tree.skipped());
    }

    /**
     * Refuses a folder past a limit or with a path that is not allowed, naming the path and the setting; the
     * check is the tracker's own (the manifest's), over the tree with its hashes still unknown.
     */
    private void checkLimits(Path root, String name, FolderTree tree) {
        FolderLimits limits = folderLimits.limits();
        String problem;
        if (!tree.complete()) {
            problem = "it has more than max-files (" + limits.maxFiles() + ") files and empty folders";
        } else {
            List<ManifestFile> files = new ArrayList<>(tree.files().size());
            for (int i = 0; i < tree.files().size(); i++) {
                files.add(new ManifestFile(tree.files().get(i), tree.stamps().get(i).size(), UNKNOWN_HASH));
            }
            long size = tree.size();
            problem = Manifest.folder(name, files, tree.emptyFolders(),
                    Collections.nCopies(Manifest.chunkCount(size, Manifest.CHUNK_SIZE), UNKNOWN_HASH)).problem(limits);
        }
        if (problem == null) return;
        String setting = FolderLimitSettings.settingOf(problem);
        throw bad("cannot share " + root + ": " + problem + (setting == null ? "" : "; the limit is " + setting));
    }

    /** Registers a newly hashed share with the tracker and serves it, in place of {@code existing}. */
    private Shared publish(SharedFile file, Share existing, List<SkippedPath> skipped) {
        Manifest manifest = file.manifest();
        tracker.registerFile(file.group(), manifest);
        if (existing != null) heldFiles.remove(existing.held());
        add(file);
        stopped.remove(key(file.group(), file.name()));
        save();
        log.info("sharing {} in {} ({} bytes, {} files, sha256 {})", file.path(), file.group(), manifest.size(),
                manifest.fileCount(), manifest.sha256());
        return new Shared(file.info().withSkipped(skipped), true);
    }

    /**
     * Shares a file this agent has just downloaded and verified (the tracker already knows the file), unless
     * the tracker refuses this user as a holder there (not a member of the group).
     */
    public void adopt(String group, Path path, Manifest manifest) {
        SharedFile file = manifest.isFolder()
                ? new SharedFile(group, path.toString(), manifest, null, manifest.files().stream()
                        .map(f -> FileStamp.current(path.resolve(f.path()), LinkOption.NOFOLLOW_LINKS)).toList())
                : new SharedFile(group, path.toString(), manifest, FileStamp.current(path));
        Share previous = shares.get(key(group, manifest.name()));
        if (previous != null) heldFiles.remove(previous.held());
        Share share = add(file);
        save();
        try {
            registerAsSeeder(file);
        } catch (TrackerUnavailableException e) {
            log.warn("tracker unreachable; {} is registered when it answers again", path);
        } catch (TrackerException e) {
            if (e.status() != 403) {
                log.warn("the tracker refused {} as a seeder: {}", path, e.getMessage());
            } else if (drop(share)) { // (else a heartbeat's answer has just dropped it, and said so)
                save();
                log.info("not sharing the downloaded {} in {}: {}", path, group, e.getMessage());
            }
        }
    }

    /** Stops sharing the file, or forgets that the agent stopped it by itself. */
    public void stop(String group, String fileName) {
        Share share = shares.remove(key(group, fileName));
        if (share == null) {
            if (stopped.remove(key(group, fileName)) != null) {
                log.info("forgot the stopped share of {} in {}", fileName, group);
                return;
            }
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "not sharing " + fileName + " in " + group);
        }
        heldFiles.remove(share.held());
        save();
        try {
            tracker.stopSharing(group, fileName);
        } catch (TrackerException e) {
            if (e.status() != 404) throw e;
        }
        log.info("stopped sharing {} in {}", fileName, group);
    }

    public List<ShareInfo> list() {
        return shares.values().stream().map(s -> s.file().info())
                .sorted(Comparator.comparing(ShareInfo::group).thenComparing(ShareInfo::name)).toList();
    }

    /** The shares the agent stopped by itself, with why and the fix. */
    public List<StoppedShare> stopped() {
        return stopped.values().stream()
                .sorted(Comparator.comparing(StoppedShare::group).thenComparing(StoppedShare::name)).toList();
    }

    /**
     * Stops sharing every file that is no longer what was hashed (written to, touched, replaced, deleted), so that
     * what {@link #list} and {@link #stopped} say is true now, not only once a peer asks for a chunk of it.
     */
    public void checkOnDisk() {
        for (Share share : new ArrayList<>(shares.values())) {
            String change = share.file().changeOnDisk();
            if (change != null) forget(share, change, UPLOAD_AGAIN);
        }
    }

    public List<HashingProgress> hashing() {
        return hashing.values().stream()
                .map(h -> new HashingProgress(h.path().toString(), h.done().get(), h.size(), h.filesDone().get(), h.files()))
                .toList();
    }

    /** The tracker answers again: make sure it lists every shared file with this agent as a seeder. */
    @EventListener
    public void onTrackerConnected(TrackerConnected connected) {
        for (Share share : new ArrayList<>(shares.values())) {
            SharedFile file = share.file();
            String change = file.changeOnDisk();
            if (change != null) {
                forget(share, change, UPLOAD_AGAIN);
                continue;
            }
            try {
                tracker.registerFile(file.group(), file.manifest());
            } catch (TrackerUnavailableException e) {
                log.warn("tracker unreachable while re-registering shares: {}", e.getMessage());
                return;
            } catch (TrackerException e) {
                if (e.status() == 401) return;
                log.warn("the tracker refused {} in {}: {}; no longer sharing it", file.path(), file.group(), e.getMessage());
                if (drop(share)) {
                    remember(file, "the tracker refused it: " + e.getMessage(), UPLOAD_AGAIN);
                    save();
                }
            }
        }
    }

    /**
     * Only members hold: the shares in groups the user has left or was removed from are no longer served, with
     * one line per group. The tracker has already dropped them. A share added after the heartbeat was sent is
     * left alone: the answer may predate the joining it followed.
     */
    @EventListener
    public void onMemberships(TrackerMemberships heard) {
        Map<String, List<String>> dropped = new TreeMap<>();
        for (Share share : new ArrayList<>(shares.values())) {
            SharedFile file = share.file();
            if (heard.groups().contains(file.group()) || share.addedNanos() - heard.askedAtNanos() > 0) continue;
            if (drop(share)) dropped.computeIfAbsent(file.group(), g -> new ArrayList<>()).add(file.name());
        }
        if (dropped.isEmpty()) return;
        save();
        dropped.forEach((group, names) -> log.warn("no longer a member of {}: stopped sharing {}", group,
                String.join(", ", names)));
    }

    @EventListener
    public void onHeldFileChanged(HeldFileChanged changed) {
        Share share = shares.get(key(changed.file().group(), changed.file().manifest().name()));
        if (share == null || share.held() != changed.file()) return;
        String change = share.file().changeOnDisk();
        forget(share, change == null ? "changed on disk" : change, UPLOAD_AGAIN);
    }

    private void forget(Share share, String reason, String fix) {
        SharedFile file = share.file();
        if (!drop(share)) return;
        remember(file, reason, fix);
        save();
        log.warn("no longer sharing {} in {}: {}", file.path(), file.group(), reason);
        background.execute(() -> tellTrackerStopped(file));
    }

    private void remember(SharedFile file, String reason, String fix) {
        stopped.put(key(file.group(), file.name()),
                new StoppedShare(file.group(), file.name(), file.path(), reason, fix, Instant.now()));
    }

    private void tellTrackerStopped(SharedFile file) {
        try {
            tracker.stopSharing(file.group(), file.name());
        } catch (RuntimeException e) {
            log.warn("could not tell the tracker to stop listing {} in {}: {}", file.name(), file.group(), e.getMessage());
        }
    }

    private void registerAsSeeder(SharedFile file) {
        Manifest m = file.manifest();
        try {
            tracker.reportChunks(file.group(), m.name(),
                    new ChunkAvailability(m.sha256(), Bitfield.full(m.chunkCount()).toBase64()));
        } catch (TrackerException e) {
            if (e.status() != 404) throw e;
            tracker.registerFile(file.group(), m);
        }
    }

    /**
     * Runs {@code hash}, listed in {@link #hashing} meanwhile with its {@code progress}; refused when {@code unchanged}
     * says the file or folder changed while it was read.
     */
    private Manifest hash(Hashing progress, Hash hash, BooleanSupplier unchanged) {
        Path path = progress.path();
        if (hashing.putIfAbsent(path.toString(), progress) != null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, path + " is being hashed already");
        }
        try {
            Manifest manifest = hash.run(progress);
            if (!unchanged.getAsBoolean()) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, path + " changed while it was hashed; try again");
            }
            return manifest;
        } catch (IOException e) {
            throw bad("cannot read " + path + ": " + e.getMessage());
        } finally {
            hashing.remove(path.toString());
        }
    }

    private Share add(SharedFile file) {
        HeldFile held = file.held();
        Share share = new Share(file, held, System.nanoTime());
        shares.put(key(file.group(), file.name()), share);
        heldFiles.add(held);
        return share;
    }

    /** Stops serving {@code share}; false when something else already did. */
    private boolean drop(Share share) {
        if (!shares.remove(key(share.file().group(), share.file().name()), share)) return false;
        heldFiles.remove(share.held());
        return true;
    }

    private synchronized void save() {
        jsonFiles.write(stateFile, shares.values().stream().map(Share::file)
                .sorted(Comparator.comparing(SharedFile::group).thenComparing(SharedFile::name)).toList());
    }

    private static String key(String group, String name) {
        return group + '/' + name;
    }

    private static ResponseStatusException bad(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }

    @Override
    public void close() {
        background.shutdown();
    }
}
