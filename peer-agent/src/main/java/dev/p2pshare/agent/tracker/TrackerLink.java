package dev.p2pshare.agent.tracker;

import dev.p2pshare.agent.system.AgentReady;
import dev.p2pshare.agent.system.AgentSettings;
import dev.p2pshare.agent.system.DaemonThreads;
import dev.p2pshare.shared.Backoff;
import dev.p2pshare.shared.tracker.PeerStanding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this agent known to the tracker: announces the chunk URL and repeats it as the heartbeat;
 * while the tracker is unreachable it retries with exponential backoff, and when it answers again
 * it publishes {@link TrackerConnected}. Every answer publishes {@link TrackerMemberships} first, so that
 * shares in groups the user has left stop being served (and are not registered again).
 */
@Component
public class TrackerLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TrackerLink.class);
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final TrackerClient tracker;
    private final AgentSettings settings;
    private final ApplicationEventPublisher events;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("tracker-heartbeat"));
    private volatile String chunkUrl;
    private volatile boolean connected;
    private volatile String state = "connecting";
    private int failures;

    public TrackerLink(TrackerClient tracker, AgentSettings settings, ApplicationEventPublisher events) {
        this.tracker = tracker;
        this.settings = settings;
        this.events = events;
    }

    @EventListener
    public void onReady(AgentReady ready) {
        chunkUrl = ready.chunkUrl();
        scheduler.execute(this::beat);
    }

    /** One line for the status output: connected to whom, or why not. */
    public String state() {
        return state;
    }

    public boolean connected() {
        return connected;
    }

    private void beat() {
        try {
            long asked = System.nanoTime();
            PeerStanding standing = tracker.announce(chunkUrl);
            if (standing.memberOf() != null) {
                events.publishEvent(new TrackerMemberships(Set.copyOf(standing.memberOf()), asked));
            }
            boolean reconnected = !connected;
            connected = true;
            failures = 0;
            state = "connected to " + tracker.currentTracker();
            if (reconnected) {
                log.info("announced {} to {}", chunkUrl, tracker.currentTracker());
                events.publishEvent(new TrackerConnected(tracker.currentTracker()));
            }
            schedule(settings.heartbeatInterval());
        } catch (TrackerException e) {
            lost(e.status() == 401
                    ? "the tracker rejected the session (expired or revoked): log in again"
                    : "the tracker refused the announcement: " + e.getMessage());
        } catch (TrackerUnavailableException e) {
            lost("tracker unreachable: " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("heartbeat failed", e);
            lost("heartbeat failed: " + e);
        }
    }

    private void lost(String why) {
        if (connected || failures == 0) log.warn("{}; retrying with backoff", why);
        connected = false;
        state = why;
        failures++;
        long millis = BACKOFF.delay(failures).toMillis();
        schedule(Duration.ofMillis(Math.min(millis, Math.max(1000, settings.heartbeatInterval().toMillis()))));
    }

    private void schedule(Duration delay) {
        if (!scheduler.isShutdown()) scheduler.schedule(this::beat, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
