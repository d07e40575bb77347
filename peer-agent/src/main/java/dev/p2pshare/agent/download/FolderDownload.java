package dev.p2pshare.agent.download;

import dev.p2pshare.agent.chunk.ChunkStore;
import dev.p2pshare.agent.chunk.ChunkVerifier;
import dev.p2pshare.agent.chunk.FolderLayout;
import dev.p2pshare.agent.chunk.HeldFile;
import dev.p2pshare.agent.chunk.SafeDirectory;
import dev.p2pshare.agent.chunk.VerifiedChunks;
import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Hex;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.ManifestFile;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.BitSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A folder download's files on disk. Partial data lives in the part area {@code <dest>.part/}: a private
 * (0700) folder with one flat part file per chosen file, named by its index in the manifest, so no path from
 * the manifest is used inside it. When every chunk touching a chosen file is verified, the file's SHA-256 is
 * checked and the file is renamed to {@code <dest>/<path>}: its folders are walked from {@code <dest>} one
 * at a time without following links (made in the part area and renamed in, when missing), so a link planted
 * in {@code <dest>} can never redirect a write. Files in place are recorded in {@code placed} (on disk), and
 * a resumed download recognises a file moved just before a crash by its SHA-256 at its place.
 */
final class FolderDownload implements DownloadTarget, ChunkStore.FolderFiles, Closeable {
    /** How often a file may fail its SHA-256 check with every chunk verified before the download fails. */
    static final int MAX_FILE_RETRIES = 3;
    private static final Set<OpenOption> READING = Set.of(StandardOpenOption.READ);
    private static final Set<OpenOption> WRITING = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    private static final String SCRATCH = "mkdir-";
    /** Read size when a file's SHA-256 is checked. */
    private static final int READ_SIZE = 64 * 1024;
    private static final int PENDING = 0;
    private static final int COMPLETING = 1;
    private static final int PLACED = 2;

    private final Manifest manifest;
    private final FolderSelection selection;
    private final Path dest;
    private final Path part;
    private final boolean overwrite;
    private final VerifiedChunks placed;
    private final Chunks chunks;
    /** What the chunk server may serve: verified chunks wholly inside chosen files. */
    private final Bitfield served;
    private final AtomicIntegerArray states;
    /** By chosen file: how many of the chunks it touches are not verified (it is whole at 0). */
    private final AtomicIntegerArray missing;
    private final AtomicInteger placedCount = new AtomicInteger();
    private final AtomicInteger scratchNames = new AtomicInteger();
    /** Held while walking (and making) folders under {@code dest}: see {@link #walk}. */
    private final Object walking = new Object();
    private final int[] failures;
    /** The part area, open while the download is not complete (the chunk server reads from it); null: closed. */
    private SafeDirectory area;
    /** The folder {@code dest} is in, opened once; null: closed. */
    private SafeDirectory destParent;
    /** Where verified chunks are written (it keeps part files open); null until {@link #open}. */
    private volatile ChunkStore store;

    FolderDownload(Manifest manifest, FolderSelection selection, Path dest, Path part, boolean overwrite,
                   VerifiedChunks placed, Chunks chunks) {
        this.manifest = manifest;
        this.selection = selection;
        this.dest = dest;
        this.part = part;
        this.overwrite = overwrite;
        this.placed = placed;
        this.chunks = chunks;
        this.failures = new int[manifest.files().size()];
        this.states = new AtomicIntegerArray(manifest.files().size());
        this.missing = new AtomicIntegerArray(manifest.files().size());
        for (int i = selection.files().nextSetBit(0); i >= 0; i = selection.files().nextSetBit(i + 1)) {
            if (!selection.layout().empty(i)) {
                for (int c = selection.layout().firstChunk(i); c <= selection.layout().lastChunk(i); c++) {
                    if (!chunks.verified(c)) missing.incrementAndGet(i);
                }
            }
            if (placed.bitfield().get(i)) {
                states.set(i, PLACED);
                placedCount.incrementAndGet();
            }
        }
        this.served = new Bitfield(manifest.chunkCount());
        BitSet servable = selection.servable();
        for (int c = servable.nextSetBit(0); c >= 0; c = servable.nextSetBit(c + 1)) {
            if (chunks.verified(c)) served.set(c);
        }
    }

    FolderSelection selection() {
        return selection;
    }

    @Override
    public BitSet wanted() {
        return selection.chunks();
    }

    @Override
    public long wantedBytes(int chunk) {
        return selection.chosenBytes(chunk);
    }

    @Override
    public long size() {
        return selection.size();
    }

    @Override
    public int filesDone() {
        return filesPlaced();
    }

    @Override
    public int filesTotal() {
        return filesChosen();
    }

    @Override
    public String finishing() {
        return "placing the last files";
    }

    @Override
    public String keptFailing() {
        return "files kept failing their SHA-256 check";
    }

    @Override
    public void wake() {
        // Nothing waits on the download stopping: each file is checked as it completes.
    }

    /** What the chunk server serves of this download: its files are opened here. */
    @Override
    public HeldFile held(String group) {
        return new HeldFile(group, manifest, dest, served, null, this, null, selection.layout());
    }

    int filesPlaced() {
        return placedCount.get();
    }

    int filesChosen() {
        return selection.files().cardinality();
    }

    /**
     * Opens (creating if needed) the part area, brings what a killed run left in line with the maps (a file
     * moved before it was recorded, part files gone) and places the files already whole; the chunks to write
     * into come back.
     */
    @Override
    public ChunkStore open() throws IOException {
        if (!Files.isDirectory(part, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isSymbolicLink(part)) throw new Refused(part + " is a symbolic link: refusing to write through it");
            Files.createDirectory(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        for (String name : area().names()) {
            if (name.startsWith(SCRATCH)) area().delete(name);
        }
        BitSet files = selection.files();
        for (int i = files.nextSetBit(0); i >= 0; i = files.nextSetBit(i + 1)) recover(i);
        for (int i = files.nextSetBit(0); i >= 0; i = files.nextSetBit(i + 1)) {
            if (allVerified(i)) complete(i, -1, null);
        }
        store = ChunkStore.openFolder(selection.layout(), this, files);
        return store;
    }

    /** Makes file {@code i}'s state true to the disk: placed, in the part area, or to fetch again. */
    private void recover(int i) throws IOException {
        ManifestFile file = manifest.files().get(i);
        if (states.get(i) == PLACED) {
            BasicFileAttributes atPlace = placedAttributes(i);
            if (atPlace != null && atPlace.isRegularFile() && atPlace.size() == file.size()) return;
            states.set(i, PENDING); // gone or changed since: fetched again below
            placedCount.decrementAndGet();
            placed.unmark(i);
        }
        FolderLayout layout = selection.layout();
        if (layout.empty(i) || missing.get(i) == layout.lastChunk(i) - layout.firstChunk(i) + 1) return; // nothing held
        if (area().attributes(partName(i)) != null) return; // its bytes wait in its part file
        if (allVerified(i) && atPlaceIntact(i)) {
            markPlaced(i); // moved just before a kill, not yet recorded
        } else {
            unverify(i); // its bytes are gone
        }
    }

    /**
     * A chunk was verified and written (told once; {@code data} still holds its bytes): serve it, and place the
     * chosen files it completes.
     */
    @Override
    public void verified(int chunk, ByteBuffer data) throws IOException {
        if (selection.servable().get(chunk)) served.set(chunk);
        for (var span : selection.layout().spans(chunk)) {
            int file = span.file();
            if (selection.files().get(file) && missing.decrementAndGet(file) == 0) complete(file, chunk, data);
        }
    }

    /**
     * Places every chosen file whole but not yet placed, then makes the chosen empty folders and removes the
     * part area; AGAIN when a file failed its check and chunks must be fetched again.
     */
    @Override
    public Finish finish() throws IOException {
        BitSet files = selection.files();
        for (int i = files.nextSetBit(0); i >= 0; i = files.nextSetBit(i + 1)) {
            awaitSettled(i);
            // By the chunk map itself: a worker may not have told its last chunk yet.
            if (states.get(i) == PENDING && everyChunkVerified(i)) complete(i, -1, null);
            if (states.get(i) != PLACED) return Finish.AGAIN;
        }
        for (String folder : selection.emptyFolders()) {
            String[] parts = folder.split("/");
            walk(parts, parts.length).close(); // made, with every folder above it
        }
        discard();
        return Finish.DONE;
    }

    /**
     * Checks file {@code i} (every chunk it touches verified) and moves it into place, unless another thread does;
     * chunk {@code inHand} (-1: none) is in {@code data}.
     */
    private void complete(int i, int inHand, ByteBuffer data) throws IOException {
        if (!states.compareAndSet(i, PENDING, COMPLETING)) return;
        int outcome = PENDING;
        try {
            ManifestFile file = manifest.files().get(i);
            if (file.size() == 0) {
                area().openFile(partName(i), WRITING).close();
            } else if (!file.sha256().equals(partSha256(i, inHand, data))) {
                if (++failures[i] >= MAX_FILE_RETRIES) {
                    throw new Refused("file " + file.path() + " failed its SHA-256 check " + failures[i] + " times with"
                            + " every chunk verified: the manifest is inconsistent");
                }
                unverify(i);
                return;
            }
            place(i);
            if (store != null) store.closeFile(i); // its part file moved: no more writes to it
            outcome = PLACED;
            markPlaced(i);
        } finally {
            if (outcome != PLACED) states.set(i, outcome);
            synchronized (this) {
                notifyAll();
            }
        }
    }

    private void markPlaced(int i) throws IOException {
        states.set(i, PLACED);
        placed.mark(i);
        placedCount.incrementAndGet();
    }

    private synchronized void awaitSettled(int i) throws IOException {
        try {
            while (states.get(i) == COMPLETING) wait(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Renames part file {@code i} to its path under {@code dest}, walking its folders without following links. */
    private void place(int i) throws IOException {
        String path = manifest.files().get(i).path();
        String[] parts = path.split("/");
        String name = parts[parts.length - 1];
        try (SafeDirectory parent = walk(parts, parts.length - 1)) {
            BasicFileAttributes there = parent.attributes(name);
            if (there != null && there.isDirectory()) throw new Refused(dest.resolve(path) + " is a folder");
            if (there != null && !overwrite) throw new Refused(dest.resolve(path) + " exists already (ask to overwrite it)");
            area().move(partName(i), parent, name);
        } catch (Refused e) {
            throw e;
        } catch (IOException e) {
            throw new Refused("cannot place " + dest.resolve(path) + ": " + e.getMessage());
        }
    }

    /**
     * Opens the folder of the first {@code depth} components of a path under {@code dest}, making what is
     * missing. One walk at a time: a folder made in the part area is renamed in, and a rename replaces an
     * empty folder, so two workers making the same folder at once would leave one holding a deleted folder.
     */
    private SafeDirectory walk(String[] parts, int depth) throws IOException {
        synchronized (walking) {
            SafeDirectory folder = destParent().childCreated(dest.getFileName().toString(), area(), scratchName());
            for (int d = 0; d < depth; d++) {
                try (SafeDirectory above = folder) {
                    folder = above.childCreated(parts[d], area(), scratchName());
                }
            }
            return folder;
        }
    }

    /** Opens the placed file {@code i} for reading through its folders, without following links or making any. */
    private FileChannel openPlaced(int i) throws IOException {
        String[] parts = manifest.files().get(i).path().split("/");
        try (SafeDirectory parent = placedParent(parts)) {
            return parent.openFile(parts[parts.length - 1], READING);
        }
    }

    /** The folder a placed file with path {@code parts} is in, walked from {@code dest} without following links. */
    private SafeDirectory placedParent(String[] parts) throws IOException {
        SafeDirectory folder = destParent().child(dest.getFileName().toString());
        for (int d = 0; d < parts.length - 1; d++) {
            try (SafeDirectory above = folder) {
                folder = above.child(parts[d]);
            }
        }
        return folder;
    }

    /** The attributes of placed file {@code i} at its place (not following links), or null when it is not there. */
    private BasicFileAttributes placedAttributes(int i) {
        String[] parts = manifest.files().get(i).path().split("/");
        try (SafeDirectory parent = placedParent(parts)) {
            return parent.attributes(parts[parts.length - 1]);
        } catch (IOException e) {
            return null;
        }
    }

    private boolean atPlaceIntact(int i) {
        try (FileChannel channel = openPlaced(i)) {
            return manifest.files().get(i).sha256().equals(sha256(channel));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public FileChannel open(int file, boolean write) throws IOException {
        if (states.get(file) == PLACED) return write ? null : openPlaced(file);
        try {
            return area().openFile(partName(file), write ? WRITING : READING);
        } catch (NoSuchFileException e) {
            if (!write && states.get(file) == PLACED) return openPlaced(file); // placed meanwhile
            throw e;
        }
    }

    private boolean allVerified(int file) {
        return missing.get(file) == 0;
    }

    private boolean everyChunkVerified(int file) {
        FolderLayout layout = selection.layout();
        if (layout.empty(file)) return true;
        for (int c = layout.firstChunk(file); c <= layout.lastChunk(file); c++) {
            if (!chunks.verified(c)) return false;
        }
        return true;
    }

    /** Forgets the verified chunks of file {@code i}: they are fetched (and written) again. */
    private void unverify(int i) throws IOException {
        if (selection.layout().empty(i)) return;
        for (int c = selection.layout().firstChunk(i); c <= selection.layout().lastChunk(i); c++) {
            if (chunks.verified(c)) {
                served.clear(c);
                chunks.unverify(c);
                for (var span : selection.layout().spans(c)) {
                    if (selection.files().get(span.file())) missing.incrementAndGet(span.file());
                }
            }
        }
    }

    private String scratchName() {
        return SCRATCH + scratchNames.incrementAndGet();
    }

    private static String partName(int file) {
        return Integer.toString(file);
    }

    /**
     * The SHA-256 of part file {@code i}, whose bytes this download wrote: those in chunk {@code inHand} (-1: none)
     * taken from {@code data}, where they were verified (most small files lie in one chunk: nothing is read back),
     * the others read back from the part file; null when the part file is not the file's size.
     */
    private String partSha256(int i, int inHand, ByteBuffer data) throws IOException {
        long size = manifest.files().get(i).size();
        BasicFileAttributes attributes = area().attributes(partName(i));
        if (attributes == null || !attributes.isRegularFile() || attributes.size() != size) return null;
        long start = selection.layout().start(i);
        long from = 0;
        long to = 0;
        if (inHand >= 0) {
            from = Math.max(0, manifest.offset(inHand) - start);
            to = Math.min(size, manifest.offset(inHand) + manifest.chunkLength(inHand) - start);
        }
        MessageDigest digest = ChunkVerifier.sha256();
        ByteBuffer inMemory = null;
        if (to > from) {
            int at = data.position() + (int) (start + from - manifest.offset(inHand));
            inMemory = data.duplicate().position(at).limit(at + (int) (to - from));
        }
        if (from == 0 && to == size) {
            digest.update(inMemory);
        } else {
            try (FileChannel channel = area().openFile(partName(i), READING)) {
                if (!update(digest, channel, 0, from)) return null;
                if (inMemory != null) digest.update(inMemory);
                if (!update(digest, channel, to, size)) return null;
            }
        }
        return Hex.of(digest.digest());
    }

    /** Feeds bytes [{@code from}, {@code to}) of {@code channel} into {@code digest}; false if the file ends before. */
    private static boolean update(MessageDigest digest, FileChannel channel, long from, long to) throws IOException {
        if (from >= to) return true;
        // A heap buffer no larger than the bytes: many small files must not each cost a direct buffer.
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(to - from, READ_SIZE));
        for (long position = from; position < to; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), to - position));
            int n = channel.read(buffer, position);
            if (n < 0) return false;
            position += n;
            digest.update(buffer.flip());
        }
        return true;
    }

    private static String sha256(FileChannel channel) throws IOException {
        MessageDigest digest = ChunkVerifier.sha256();
        return update(digest, channel, 0, channel.size()) ? Hex.of(digest.digest()) : null;
    }

    /** Closes and removes the part area (the download is complete, or cancelled). */
    @Override
    public void discard() throws IOException {
        close();
        deletePartArea(part);
    }

    /** Removes a part area (flat: part files and empty scratch folders), or a part file or link in its place. */
    static void deletePartArea(Path part) throws IOException {
        if (!Files.isDirectory(part, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(part);
            return;
        }
        try (SafeDirectory folder = SafeDirectory.open(part)) {
            for (String name : folder.names()) folder.delete(name);
        }
        Files.deleteIfExists(part);
    }

    private synchronized SafeDirectory area() throws IOException {
        if (area == null) area = SafeDirectory.open(part);
        return area;
    }

    /** The folder {@code dest} is in (the user's choice, trusted), opened once. */
    private synchronized SafeDirectory destParent() throws IOException {
        if (destParent == null) destParent = SafeDirectory.open(dest.toAbsolutePath().getParent());
        return destParent;
    }

    @Override
    public synchronized void close() throws IOException {
        try (SafeDirectory openArea = area; SafeDirectory openParent = destParent) {
            area = null;
            destParent = null;
        }
    }
}
