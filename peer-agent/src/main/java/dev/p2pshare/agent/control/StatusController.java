package dev.p2pshare.agent.control;

import dev.p2pshare.agent.download.DownloadService;
import dev.p2pshare.agent.share.ShareService;
import dev.p2pshare.agent.system.AgentHome;
import dev.p2pshare.agent.system.ProcessExit;
import dev.p2pshare.agent.system.RateLimits;
import dev.p2pshare.agent.tracker.TrackerClient;
import dev.p2pshare.agent.tracker.TrackerException;
import dev.p2pshare.agent.tracker.TrackerLink;
import dev.p2pshare.agent.tracker.TrackerUnavailableException;
import dev.p2pshare.shared.control.AgentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Control API: the agent as a whole (status) and logging out (which also stops the agent). */
@RestController
public class StatusController {
    private static final Logger log = LoggerFactory.getLogger(StatusController.class);
    private static final long EXIT_DELAY_MILLIS = 300;
    /** Times of day in the status, on the agent's (the user's) clock. */
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final AgentHome home;
    private final TrackerClient tracker;
    private final TrackerLink link;
    private final EndpointFile endpoint;
    private final ShareService shares;
    private final DownloadService downloads;
    private final RateLimits limits;
    private final ConfigurableApplicationContext context;
    private final ObjectProvider<ProcessExit> processExit;

    public StatusController(AgentHome home, TrackerClient tracker, TrackerLink link, EndpointFile endpoint,
                            ShareService shares, DownloadService downloads, RateLimits limits,
                            ConfigurableApplicationContext context, ObjectProvider<ProcessExit> processExit) {
        this.home = home;
        this.tracker = tracker;
        this.link = link;
        this.endpoint = endpoint;
        this.shares = shares;
        this.downloads = downloads;
        this.limits = limits;
        this.context = context;
        this.processExit = processExit;
    }

    /** The agent as it is now: shares changed on disk are found here, not only when a peer asks for them. */
    @GetMapping("/control/status")
    public AgentStatus status() {
        shares.checkOnDisk();
        TrackerClient.Reachability reach = tracker.reachability();
        return new AgentStatus(home.session().username(), home.session().trackers(), trackerLine(reach, Instant.now()),
                endpoint.chunkUrl(), shares.list(), downloads.list(), shares.hashing(), limits.current(), shares.stopped(),
                reach.lastReached(), reach.unreachableSince(), reach.lastError());
    }

    /**
     * "unreachable since 14:02:10 (last error: ...)" from the first failed call of an outage (a heartbeat, a share,
     * a download) on; "connected to ... (last reached 3 s ago)" while they succeed; else what the heartbeat says
     * (connecting, or the session was refused).
     */
    private String trackerLine(TrackerClient.Reachability reach, Instant now) {
        String reached = reach.lastReached() == null ? "" : "last reached " + ago(reach.lastReached(), now);
        if (reach.unreachableSince() != null) {
            return "unreachable since " + CLOCK_TIME.format(reach.unreachableSince()) + " (last error: " + reach.lastError()
                    + (reached.isEmpty() ? ")" : "; " + reached + ")");
        }
        if (!link.connected() || reach.lastReached() == null) return link.state();
        return "connected to " + tracker.currentTracker() + " (" + reached + ")";
    }

    private static String ago(Instant then, Instant now) {
        long seconds = Math.max(0, Duration.between(then, now).toSeconds());
        return seconds < 120 ? seconds + " s ago" : seconds / 60 + " min ago";
    }

    /**
     * Revokes the session at the tracker and stops the agent shortly after answering. The shares stay
     * remembered for the next login. When the tracker cannot be reached the agent stops all the same,
     * and the answer says the session could not be revoked.
     */
    @PostMapping("/control/logout")
    public ResponseEntity<?> logout() {
        ResponseEntity<?> answer = ResponseEntity.noContent().build();
        try {
            tracker.logout();
        } catch (TrackerException e) {
            if (e.status() != 401) {
                answer = problem(HttpStatus.BAD_GATEWAY, "the tracker refused the logout: " + e.getMessage()
                        + "; the agent stops anyway");
            }
        } catch (TrackerUnavailableException e) {
            answer = problem(HttpStatus.SERVICE_UNAVAILABLE, "could not revoke the session (" + e.getMessage()
                    + "); the agent stops anyway");
        }
        log.info("logging out {}: stopping the agent", home.session().username());
        Thread stopper = new Thread(this::stopAgent, "logout");
        stopper.setDaemon(false);
        stopper.start();
        return answer;
    }

    private void stopAgent() {
        try {
            Thread.sleep(EXIT_DELAY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int status = SpringApplication.exit(context, () -> 0);
        ProcessExit exit = processExit.getIfAvailable();
        if (exit != null) exit.exit(status);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
