package dev.p2pshare.agent.serve;

import dev.p2pshare.agent.system.AgentReady;
import dev.p2pshare.agent.system.AgentSettings;
import dev.p2pshare.agent.system.DaemonThreads;
import dev.p2pshare.agent.tracker.TrackerClient;
import dev.p2pshare.agent.tracker.TrackerException;
import dev.p2pshare.agent.tracker.TrackerUnavailableException;
import dev.p2pshare.shared.tracker.ServedCount;
import dev.p2pshare.shared.tracker.ServedReport;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the chunks this agent served, per downloader (the grant's subject), file and group, and tells the tracker
 * what was served since the last report, one report per group, for the group's activity record. The counts wait
 * in memory while the tracker is unreachable; at most {@link #MAX_KEYS} of them, beyond which new downloaders
 * go uncounted until the next report succeeds.
 */
@Component
public class ServedReporter {
    private static final Logger log = LoggerFactory.getLogger(ServedReporter.class);
    static final int MAX_KEYS = 10_000;

    private record Key(String group, String user, String sha256) {
    }

    private record Served(long chunks, long bytes) {
        Served plus(Served other) {
            return new Served(chunks + other.chunks, bytes + other.bytes);
        }
    }

    private final TrackerClient tracker;
    private final AgentSettings settings;
    private final Map<Key, Served> counts = new ConcurrentHashMap<>();
    private final AtomicLong uncounted = new AtomicLong();
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("served-reporter"));

    ServedReporter(TrackerClient tracker, AgentSettings settings) {
        this.tracker = tracker;
        this.settings = settings;
    }

    /** One chunk of {@code bytes} went to the holder of {@code grant}. */
    void count(Grant grant, long bytes) {
        Key key = new Key(grant.group(), grant.user(), grant.sha256());
        if (counts.size() >= MAX_KEYS && !counts.containsKey(key)) {
            uncounted.incrementAndGet();
            return;
        }
        counts.merge(key, new Served(1, bytes), Served::plus);
    }

    @EventListener
    public void onReady(AgentReady ready) {
        long period = Math.max(100, settings.availabilityInterval().toMillis());
        scheduler.scheduleWithFixedDelay(this::report, period, period, TimeUnit.MILLISECONDS);
    }

    private void report() {
        long dropped = uncounted.getAndSet(0);
        if (dropped > 0) log.warn("{} served chunks went uncounted: more than {} downloads at once", dropped, MAX_KEYS);
        Map<String, Map<Key, Served>> byGroup = new HashMap<>();
        for (Key key : List.copyOf(counts.keySet())) {
            Served served = counts.remove(key);
            if (served != null) byGroup.computeIfAbsent(key.group(), g -> new HashMap<>()).put(key, served);
        }
        for (Map.Entry<String, Map<Key, Served>> group : byGroup.entrySet()) {
            try {
                send(group.getKey(), group.getValue());
            } catch (TrackerUnavailableException e) {
                // Kept for the next round, with every group not sent yet.
                byGroup.values().forEach(unsent -> unsent.forEach((key, served) -> counts.merge(key, served, Served::plus)));
                return;
            } catch (TrackerException e) {
                log.info("the tracker refused the served report for {}: {}", group.getKey(), e.getMessage());
            } catch (RuntimeException e) {
                log.warn("served report for {} failed", group.getKey(), e);
            }
            group.getValue().clear();
        }
    }

    /** Sends in reports of at most {@link ServedReport#MAX_COUNTS}, removing each batch once the tracker took it. */
    private void send(String group, Map<Key, Served> served) {
        List<Key> keys = List.copyOf(served.keySet());
        for (int from = 0; from < keys.size(); from += ServedReport.MAX_COUNTS) {
            List<Key> batch = keys.subList(from, Math.min(keys.size(), from + ServedReport.MAX_COUNTS));
            tracker.reportServed(group, new ServedReport(batch.stream()
                    .map(key -> new ServedCount(key.user(), key.sha256(), served.get(key).chunks(), served.get(key).bytes()))
                    .toList()));
            batch.forEach(served::remove);
        }
    }

    @PreDestroy
    void close() {
        scheduler.shutdownNow();
    }
}
