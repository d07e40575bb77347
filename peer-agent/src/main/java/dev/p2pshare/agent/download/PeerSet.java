package dev.p2pshare.agent.download;

import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.control.DroppedPeer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The peers of one download: those the tracker lists now ({@link PeerState} each), those dropped for
 * misbehaving (never asked again, also after a restart), and when each complete holder was last listed
 * (to say who went offline). Guarded by the download's lock.
 */
final class PeerSet {
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Map<String, PeerState> peers = new LinkedHashMap<>();
    private final Set<String> droppedUrls = new HashSet<>();
    private final List<DroppedPeer> dropped;
    private final Map<String, Instant> seedersSeen = new HashMap<>();
    private final int requestsPerPeer;

    /** Starts with the peers an earlier run dropped. */
    PeerSet(List<DroppedPeer> droppedBefore, int requestsPerPeer) {
        this.dropped = new ArrayList<>(droppedBefore);
        for (DroppedPeer peer : dropped) droppedUrls.add(peer.url());
        this.requestsPerPeer = requestsPerPeer;
    }

    Collection<PeerState> all() {
        return peers.values();
    }

    List<DroppedPeer> dropped() {
        return List.copyOf(dropped);
    }

    Set<String> droppedUrls() {
        return Set.copyOf(droppedUrls);
    }

    /** True while {@code peer} is still this download's current state for its URL (not dropped or replaced). */
    boolean current(PeerState peer) {
        return !peer.dropped() && peers.get(peer.url) == peer;
    }

    List<PeerState> usable(long now) {
        List<PeerState> usable = new ArrayList<>();
        for (PeerState peer : peers.values()) {
            if (peer.usable(now)) usable.add(peer);
        }
        return usable;
    }

    boolean anyUsable(long now) {
        return peers.values().stream().anyMatch(p -> p.usable(now));
    }

    /** Measures every peer's rate and sizes its window by it. */
    void sample(double seconds, long now, int maxWindow) {
        for (PeerState peer : peers.values()) peer.sample(seconds, now, maxWindow);
    }

    /**
     * Takes the tracker's list: listed peers are (re)listed with what they hold, new ones added, dropped
     * ones ignored, unlisted ones without requests forgotten. {@code asked} learns of each peer whose own
     * answer about its chunks is on the way.
     */
    void relist(List<PeerRefresh.Holder> holders, BiConsumer<PeerState, CompletableFuture<Bitfield>> asked) {
        Instant now = Instant.now();
        for (PeerRefresh.Holder holder : holders) {
            if (holder.have() == null) seedersSeen.put(holder.username(), now);
        }
        for (PeerState peer : peers.values()) peer.unlist();
        for (PeerRefresh.Holder holder : holders) {
            if (droppedUrls.contains(holder.url())) continue;
            PeerState peer = peers.computeIfAbsent(holder.url(),
                    url -> new PeerState(url, holder.origin(), holder.username(), requestsPerPeer));
            peer.relist(holder.username(), holder.have());
            if (holder.asked() != null) asked.accept(peer, holder.asked());
        }
        peers.values().removeIf(p -> !p.listed() && p.inFlight() == 0);
    }

    /** Stops asking {@code peer} for this download and remembers why. */
    DroppedPeer drop(PeerState peer, String reason) {
        peer.drop();
        peers.remove(peer.url);
        droppedUrls.add(peer.url);
        DroppedPeer record = new DroppedPeer(peer.username(), peer.url, reason);
        dropped.add(record);
        return record;
    }

    /** Why no peer serves {@code fileName}, in words. */
    String whyNoneServes(String fileName) {
        int listed = (int) peers.values().stream().filter(PeerState::listed).count();
        if (listed > 0) {
            return count(listed) + (listed == 1 ? " holds " : " hold ") + fileName + " but none answers, retrying";
        }
        return "no online peer holds " + fileName + seedersSeen.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(last -> " (last seeder " + last.getKey() + " offline since " + clockTime(last.getValue()) + ")")
                .orElse("");
    }

    static String count(int peers) {
        return peers + (peers == 1 ? " peer" : " peers");
    }

    /** The local time of day, with the date when it is not today. */
    private static String clockTime(Instant instant) {
        var time = instant.atZone(ZoneId.systemDefault());
        return (time.toLocalDate().equals(LocalDate.now()) ? CLOCK_TIME : DATE_TIME).format(time);
    }
}
