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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The downloads remembered in home/downloads/: {id}.json records, written by one thread in call order
 * (so no caller waits on the disk), and the open {id}.chunks maps of verified chunks beside them.
 */
final class DownloadStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DownloadStore.class);

    private final JsonFiles jsonFiles;
    private final Path dir;
    private final Map<String, VerifiedChunks> chunkMaps = new LinkedHashMap<>();
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
    synchronized VerifiedChunks chunkMap(DownloadRecord record) throws IOException {
        VerifiedChunks chunks = VerifiedChunks.open(chunkMapFile(record.id()), record.manifest().chunkCount());
        chunkMaps.put(record.id(), chunks);
        return chunks;
    }

    /** Removes a leftover map, so that a new download starts from no verified chunks. */
    void clearChunkMap(String id) throws IOException {
        Files.deleteIfExists(chunkMapFile(id));
    }

    void save(DownloadRecord record) {
        writer.execute(() -> jsonFiles.write(dir.resolve(record.id() + ".json"), record));
    }

    /** Forgets a download: its record and map. */
    void forget(String id) {
        closeChunkMap(id);
        writer.execute(() -> {
            try {
                Files.deleteIfExists(dir.resolve(id + ".json"));
                Files.deleteIfExists(chunkMapFile(id));
            } catch (IOException e) {
                log.warn("cannot remove the state of download {}: {}", id, e.getMessage());
            }
        });
    }

    synchronized void closeChunkMap(String id) {
        VerifiedChunks chunks = chunkMaps.remove(id);
        if (chunks == null) return;
        try {
            chunks.close();
        } catch (IOException e) {
            log.warn("closing the chunk map of {}: {}", id, e.getMessage());
        }
    }

    private Path chunkMapFile(String id) {
        return dir.resolve(id + ".chunks");
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
        List<String> open;
        synchronized (this) {
            open = new ArrayList<>(chunkMaps.keySet());
        }
        for (String id : open) closeChunkMap(id);
    }
}
