package dev.p2pshare.agent.download;

import dev.p2pshare.shared.Backoff;
import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.FileDetails;
import dev.p2pshare.shared.tracker.PeerHolding;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A download's lease from the tracker: the grant peers accept (renewed at half its life, or at once when
 * a peer refuses it), the peers that hold the file, and when to ask again (every refresh interval, sooner
 * with no usable peer, with exponential backoff while the tracker fails). Its state is guarded by the
 * download's lock; {@link #fetch} runs in a worker without it.
 */
final class PeerRefresh {
    private static final Logger log = LoggerFactory.getLogger(PeerRefresh.class);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    private static final long NO_PEER_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long REJECTED_GRANT_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * A peer the tracker lists, with its chunks as the tracker has them (null: the whole file) and, for a
     * partial holder, its own fresher answer to come ({@code asked}, null for a complete one).
     */
    record Holder(String url, HttpUrl origin, String username, Bitfield have, CompletableFuture<Bitfield> asked) {
    }

    /** What one refresh found. */
    record Found(FileDetails details, List<Holder> holders) {
    }

    private final String id;
    private final String group;
    private final String fileName;
    private final Manifest manifest;
    private final SwarmDownload.Services services;
    /** Peer URLs already logged as not plain origins (fetch runs in one worker at a time). */
    private final Set<String> ignored = ConcurrentHashMap.newKeySet();
    private String grant;
    private Instant receivedAt;
    private Instant expiresAt;
    private boolean rejected;
    private boolean running;
    private long lastNanos;
    private int failures;

    PeerRefresh(String id, String group, String fileName, Manifest manifest, SwarmDownload.Services services) {
        this.id = id;
        this.group = group;
        this.fileName = fileName;
        this.manifest = manifest;
        this.services = services;
    }

    /** The grant to present to peers; null before the first refresh. */
    String grant() {
        return grant;
    }

    boolean due(long now, boolean anyUsable) {
        if (running) return false;
        long since = now - lastNanos;
        long backoff = BACKOFF.delay(failures).toNanos();
        if (grant == null) return lastNanos == 0 || since >= backoff;
        if (since < backoff) return false;
        Instant renewAt = receivedAt.plus(Duration.between(receivedAt, expiresAt).dividedBy(2));
        if (Instant.now().isAfter(renewAt)) return true;
        if (rejected && since >= REJECTED_GRANT_REFRESH_NANOS) return true;
        long interval = services.settings().peerRefreshInterval().toNanos();
        return since >= (anyUsable ? interval : Math.min(interval, NO_PEER_REFRESH_NANOS));
    }

    void started(long now) {
        running = true;
        lastNanos = now;
    }

    void finished() {
        running = false;
    }

    /** A peer refused the grant (expired?): renew it soon. */
    void grantRejected() {
        rejected = true;
    }

    /** The tracker failed; returns the failures in a row. */
    int failed() {
        return ++failures;
    }

    /**
     * Asks the tracker for the file's peers and a fresh grant (not for the manifest again, which the download
     * has), and partial holders for their chunks: those questions go out at once and are answered later (within
     * the query timeout, or never), so no peer can hold up a refresh. Peers in {@code dropped} are not asked.
     */
    Found fetch(Set<String> dropped) {
        FileDetails refreshed = services.tracker().refreshDetails(group, fileName);
        List<Holder> holders = new ArrayList<>();
        if (!manifest.sha256().equals(refreshed.sha256())) {
            // Other content under the name now: its manifest, for the download to see what it is and stop.
            return new Found(refreshed.manifest() != null ? refreshed : services.tracker().fileDetails(group, fileName),
                    holders);
        }
        FileDetails details = refreshed.withManifest(manifest);
        for (PeerHolding holding : details.peers()) {
            if (dropped.contains(holding.url())) continue;
            HttpUrl origin = PeerClient.origin(holding.url());
            if (origin == null) {
                if (ignored.add(String.valueOf(holding.url()))) {
                    log.warn("download {}: ignoring peer {} at {}: not a plain origin (scheme://host:port)", id,
                            holding.username(), holding.url());
                }
                continue;
            }
            holders.add(holding.complete()
                    ? new Holder(holding.url(), origin, holding.username(), null, null)
                    : new Holder(holding.url(), origin, holding.username(), trackerCopy(holding),
                    services.peers().held(origin, manifest.sha256(), details.grant(), manifest.chunkCount())));
        }
        return new Found(details, holders);
    }

    /** The holder's chunks as the tracker last heard them (none when unreadable). */
    private Bitfield trackerCopy(PeerHolding holding) {
        try {
            return Bitfield.fromBase64(holding.chunks(), manifest.chunkCount());
        } catch (IllegalArgumentException bad) {
            return new Bitfield(manifest.chunkCount());
        }
    }

    /** Takes the grant a refresh brought. */
    void renewed(FileDetails details) {
        grant = details.grant();
        receivedAt = Instant.now();
        expiresAt = details.grantExpiresAt() == null ? receivedAt.plusSeconds(60) : details.grantExpiresAt();
        rejected = false;
        failures = 0;
    }
}
