package dev.p2pshare.agent.download;

import dev.p2pshare.agent.chunk.VerifiedChunks;
import dev.p2pshare.agent.system.DaemonThreads;
import dev.p2pshare.agent.system.JsonFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The downloads remembered in home/downloads/: {id}.json records, written by one thread in call order
 * (so no caller waits on the disk), and the open {id}.chunks maps of verified chunks beside them (and for a
 * folder the {id}.files maps of files in place).
 */
final class DownloadStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DownloadStore.class);

    private final JsonFiles jsonFiles;
    private final Path dir;
    /** Open maps by file name ({id}.chunks, {id}.files). */
    private final Map<String, VerifiedChunks> maps = new LinkedHashMap<>();
    /** Downloads forgotten: a save queued late (by a download still stopping) must not bring them back. */
    private final Set<String> forgotten = ConcurrentHashMap.newKeySet();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(DaemonThreads.named("download-state"));

    DownloadStore(JsonFiles jsonFiles, Path dir) {
        this.jsonFiles = jsonFiles;
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** Every readable record; unreadable ones are logged and left alone. */
    List<DownloadRecord> load() {
        List<DownloadRecord> records = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                try {
                    records.add(jsonFiles.read(file, DownloadRecord.class));
                } catch (RuntimeException e) {
                    log.warn("ignoring unreadable download state {}: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return records;
    }

    /** Opens the download's map of verified chunks (kept open until it completes or is forgotten). */
    VerifiedChunks chunkMap(DownloadRecord record) throws IOException {
        return openMap(chunkMapFile(record.id()), record.manifest().chunkCount());
    }

    /** Opens a folder download's map of files in place (kept open like the chunk map). */
    VerifiedChunks fileMap(DownloadRecord record) throws IOException {
        return openMap(fileMapFile(record.id()), record.manifest().fileCount());
    }

    private synchronized VerifiedChunks openMap(Path file, int size) throws IOException {
        VerifiedChunks map = VerifiedChunks.open(file, size);
        VerifiedChunks previous = maps.put(file.getFileName().toString(), map);
        if (previous != null) previous.close();
        return map;
    }

    /** Removes leftover maps, so that a new download starts from no verified chunks and no file in place. */
    void clearChunkMap(String id) throws IOException {
        Files.deleteIfExists(chunkMapFile(id));
        Files.deleteIfExists(fileMapFile(id));
    }

    void save(DownloadRecord record) {
        writer.execute(() -> {
            if (!forgotten.contains(record.id())) jsonFiles.write(dir.resolve(record.id() + ".json"), record);
        });
    }

    /** Forgets a download: its record and map. */
    void forget(String id) {
        forgotten.add(id);
        closeChunkMap(id);
        writer.execute(() -> {
            try {
                Files.deleteIfExists(dir.resolve(id + ".json"));
                clearChunkMap(id);
            } catch (IOException e) {
                log.warn("cannot remove the state of download {}: {}", id, e.getMessage());
            }
        });
    }

    /** Closes the download's maps. */
    synchronized void closeChunkMap(String id) {
        for (Path file : List.of(chunkMapFile(id), fileMapFile(id))) close(maps.remove(file.getFileName().toString()));
    }

    private static void close(VerifiedChunks map) {
        if (map == null) return;
        try {
            map.close();
        } catch (IOException e) {
            log.warn("closing a download map: {}", e.getMessage());
        }
    }

    private Path chunkMapFile(String id) {
        return dir.resolve(id + ".chunks");
    }

    private Path fileMapFile(String id) {
        return dir.resolve(id + ".files");
    }

    /** Writes what is queued and closes the maps. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<VerifiedChunks> open;
        synchronized (this) {
            open = new ArrayList<>(maps.values());
            maps.clear();
        }
        for (VerifiedChunks map : open) close(map);
    }
}
