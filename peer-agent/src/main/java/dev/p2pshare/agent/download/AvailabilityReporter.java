package dev.p2pshare.agent.download;

import dev.p2pshare.agent.system.DaemonThreads;
import dev.p2pshare.agent.tracker.TrackerClient;
import dev.p2pshare.agent.tracker.TrackerException;
import dev.p2pshare.agent.tracker.TrackerUnavailableException;
import dev.p2pshare.shared.control.DownloadState;
import dev.p2pshare.shared.tracker.ChunkAvailability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Tells the tracker, in batches, which chunks each unfinished download holds, when that changed. */
final class AvailabilityReporter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AvailabilityReporter.class);

    private final TrackerClient tracker;
    private final Supplier<List<SwarmDownload>> downloads;
    /** Chunks last reported, by download. */
    private final Map<String, Integer> reported = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("chunk-reporter"));

    AvailabilityReporter(TrackerClient tracker, Supplier<List<SwarmDownload>> downloads) {
        this.tracker = tracker;
        this.downloads = downloads;
    }

    void start(Duration interval) {
        long period = Math.max(100, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::report, period, period, TimeUnit.MILLISECONDS);
    }

    /** The download completed or went away: nothing more to report for it. */
    void forget(String id) {
        reported.remove(id);
    }

    private void report() {
        for (SwarmDownload download : downloads.get()) {
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

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
