package dev.p2pshare.agent.download;

import dev.p2pshare.shared.Backoff;
import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.FileDetails;
import dev.p2pshare.shared.tracker.PeerHolding;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A download's lease from the tracker: the grant peers accept (renewed at half its life, or at once when
 * a peer refuses it), the peers that hold the file, and when to ask again (every refresh interval, sooner
 * with no usable peer, with exponential backoff while the tracker fails). Its state is guarded by the
 * download's lock; {@link #fetch} runs in a worker without it.
 */
final class PeerRefresh {
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    private static final long NO_PEER_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long REJECTED_GRANT_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** A peer the tracker lists, with its chunks (null: the whole file). */
    record Holder(String url, HttpUrl origin, String username, Bitfield have) {
    }

    /** What one refresh found. */
    record Found(FileDetails details, List<Holder> holders) {
    }

    private final String group;
    private final String fileName;
    private final Manifest manifest;
    private final SwarmDownload.Services services;
    private String grant;
    private Instant receivedAt;
    private Instant expiresAt;
    private boolean rejected;
    private boolean running;
    private long lastNanos;
    private int failures;

    PeerRefresh(String group, String fileName, Manifest manifest, SwarmDownload.Services services) {
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

    /** Asks the tracker for the file's peers and a fresh grant, and partial holders for their chunks. */
    Found fetch() {
        FileDetails details = services.tracker().fileDetails(group, fileName);
        List<Holder> holders = new ArrayList<>();
        if (!manifest.sha256().equals(details.manifest().sha256())) return new Found(details, holders);
        for (PeerHolding holding : details.peers()) {
            HttpUrl origin = HttpUrl.parse(holding.url() == null ? "" : holding.url());
            if (origin == null) continue;
            holders.add(new Holder(holding.url(), origin, holding.username(), held(holding, origin, details.grant())));
        }
        return new Found(details, holders);
    }

    /** A holder's chunks: asked of the peer itself for partial holders (the tracker's copy lags), else the tracker's. */
    private Bitfield held(PeerHolding holding, HttpUrl origin, String freshGrant) {
        if (holding.complete()) return null;
        try {
            return services.peers().held(origin, manifest.sha256(), freshGrant, manifest.chunkCount());
        } catch (IOException e) {
            try {
                return Bitfield.fromBase64(holding.chunks(), manifest.chunkCount());
            } catch (IllegalArgumentException bad) {
                return new Bitfield(manifest.chunkCount());
            }
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
