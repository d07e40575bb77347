package dev.p2pshare.agent.download;

import java.util.BitSet;
import java.util.Collection;
import java.util.random.RandomGenerator;

/**
 * Chooses the next chunk to ask a peer for: the rarest among the peers of the chunks this peer holds
 * that nobody is fetching yet, at random among equally rare ones; once every missing chunk is being
 * fetched (endgame), a chunk already in flight elsewhere, so a slow peer cannot hold up the end.
 *
 * <p>Only the {@code wanted} chunks are picked (all of a file's; those of a folder's chosen files), and the
 * download is complete when they are all done.
 *
 * <p>"At random among equally rare ones" draws from the first {@link #TIE_WINDOW} of them in file
 * order: downloaders still pick different chunks, but the file fills in roughly front to back, so
 * the whole-file SHA-256 is computed while chunks arrive instead of in a second pass at the end.
 *
 * <p>Chunks are asked for in runs of up to {@code maxRun} neighbours in one request ({@link #run}): a pick
 * starts where a run can grow, at the start of a stretch of chunks nobody is fetching or at a multiple of
 * {@code maxRun}, so that peers picking at once take whole runs rather than cutting each other's short.
 */
final class PiecePicker {
    /** In endgame a chunk is asked of at most this many peers at once. */
    static final int ENDGAME_COPIES = 3;
    /** How many equally rare chunks (the first ones in file order) a pick chooses among at random. */
    static final int TIE_WINDOW = 16;

    private final int count;
    private final BitSet done;
    private final BitSet wanted;
    private final int wantedCount;
    private final int[] requests;
    private final int[] availability;
    private final RandomGenerator random;
    private final int maxRun;
    /** The lowest availability among missing chunks at the last recount: no pick can find a rarer one. */
    private int rarest;

    PiecePicker(int count, BitSet done, BitSet wanted, int maxRun, RandomGenerator random) {
        this.count = count;
        this.done = done;
        this.wanted = wanted;
        this.wantedCount = wanted.cardinality();
        this.requests = new int[count];
        this.availability = new int[count];
        this.random = random;
        this.maxRun = maxRun;
    }

    /** Counts how many of {@code peers} hold each chunk. */
    void recount(Collection<PeerState> peers) {
        java.util.Arrays.fill(availability, 0);
        for (PeerState peer : peers) {
            if (!peer.listed()) continue;
            for (int i = 0; i < count; i++) {
                if (peer.has(i)) availability[i]++;
            }
        }
        rarest = Integer.MAX_VALUE;
        for (int i = nextMissing(0); i >= 0; i = nextMissing(i + 1)) {
            rarest = Math.min(rarest, availability[i]);
        }
    }

    void requested(int chunk) {
        requests[chunk]++;
    }

    void released(int chunk) {
        requests[chunk]--;
    }

    /** Every wanted chunk is done (done never holds a chunk that is not wanted). */
    boolean complete() {
        return done.cardinality() == wantedCount;
    }

    /** The first wanted chunk from {@code from} on that is not done, or -1. */
    private int nextMissing(int from) {
        int i = from;
        while (true) {
            i = done.nextClearBit(i);
            if (i >= count) return -1;
            if (wantedCount == count || wanted.get(i)) return i;
            i = wanted.nextSetBit(i); // skips a run of chunks not wanted at once
            if (i < 0) return -1;
        }
    }

    /** The chunk to ask {@code peer} for next, or -1 when it holds nothing useful now. */
    int pick(PeerState peer) {
        int best = -1;
        int bestAvailability = Integer.MAX_VALUE;
        int ties = 0;
        boolean unrequestedLeft = false;
        for (int i = nextMissing(0); i >= 0; i = nextMissing(i + 1)) {
            if (requests[i] > 0) continue;
            unrequestedLeft = true;
            if (!peer.has(i)) continue;
            if (i % maxRun != 0 && free(i - 1) && peer.has(i - 1)) continue; // inside a run that starts earlier
            int a = availability[i];
            if (a < bestAvailability) {
                best = i;
                bestAvailability = a;
                ties = 1;
            } else if (a == bestAvailability && ties < TIE_WINDOW && random.nextInt(++ties) == 0) {
                best = i;
            }
            // Enough equally rare candidates, and none can be rarer: no need to look at the rest of a big file.
            if (ties >= TIE_WINDOW && bestAvailability <= rarest) break;
        }
        if (best >= 0 || unrequestedLeft) return best;
        return endgamePick(peer);
    }

    /**
     * How many chunks from {@code first} (just picked for {@code peer}) to ask of it in one request: up to
     * {@code max}, while the next is wanted, missing, asked of nobody and held by the peer; one in endgame.
     */
    int run(PeerState peer, int first, int max) {
        if (requests[first] > 0) return 1;
        int n = 1;
        while (n < Math.min(max, maxRun) && first + n < count && free(first + n) && peer.has(first + n)) n++;
        return n;
    }

    /** Wanted, not done and asked of nobody. */
    private boolean free(int chunk) {
        return !done.get(chunk) && requests[chunk] == 0 && (wantedCount == count || wanted.get(chunk));
    }

    private int endgamePick(PeerState peer) {
        int best = -1;
        long bestScore = Long.MAX_VALUE;
        int ties = 0;
        for (int i = nextMissing(0); i >= 0; i = nextMissing(i + 1)) {
            if (requests[i] >= ENDGAME_COPIES || peer.asking(i) || !peer.has(i)) continue;
            long score = (long) requests[i] * Integer.MAX_VALUE + availability[i];
            if (score < bestScore) {
                best = i;
                bestScore = score;
                ties = 1;
            } else if (score == bestScore && random.nextInt(++ties) == 0) {
                best = i;
            }
        }
        return best;
    }
}
