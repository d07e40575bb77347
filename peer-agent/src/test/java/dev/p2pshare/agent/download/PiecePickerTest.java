package dev.p2pshare.agent.download;

import dev.p2pshare.shared.Bitfield;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PiecePickerTest {

    private static PeerState peer(String url, int count, int... held) {
        PeerState peer = new PeerState("http://" + url, HttpUrl.get("http://" + url), url, 4);
        if (held.length > 0) {
            Bitfield have = new Bitfield(count);
            for (int i : held) have.set(i);
            peer.relist(url, have);
        }
        return peer;
    }

    private static BitSet all(int count) {
        BitSet all = new BitSet(count);
        all.set(0, count);
        return all;
    }

    @Test
    void picksOnlyWantedChunksAndIsCompleteWhenTheyAreDone() {
        PeerState a = peer("a", 200);
        BitSet wanted = new BitSet(200);
        wanted.set(3);
        wanted.set(130, 132);
        BitSet done = new BitSet(200);
        PiecePicker picker = new PiecePicker(200, done, wanted, 1, new Random(1));
        picker.recount(List.of(a));

        Set<Integer> picked = new HashSet<>();
        for (int chunk = picker.pick(a); chunk >= 0 && !picked.contains(chunk); chunk = picker.pick(a)) {
            picked.add(chunk);
            picker.requested(chunk);
        }
        assertThat(picked).containsExactlyInAnyOrder(3, 130, 131);
        assertThat(picker.complete()).isFalse();
        done.set(3);
        done.set(130, 132);
        assertThat(picker.complete()).isTrue();
    }

    @Test
    void picksTheRarestChunkFirst() {
        PeerState a = peer("a", 4);
        PeerState b = peer("b", 4, 0, 1, 3);
        PeerState c = peer("c", 4, 0, 1);
        PiecePicker picker = new PiecePicker(4, new BitSet(), all(4), 1, new Random(1));
        picker.recount(List.of(a, b, c));

        assertThat(picker.pick(a)).isEqualTo(2);
        picker.requested(2);
        assertThat(picker.pick(a)).isEqualTo(3);
        picker.requested(3);
        assertThat(picker.pick(a)).isIn(0, 1);
    }

    @Test
    void choosesAtRandomAmongEquallyRareChunks() {
        PeerState a = peer("a", 16);
        Set<Integer> first = new HashSet<>();
        for (int seed = 0; seed < 200; seed++) {
            PiecePicker picker = new PiecePicker(16, new BitSet(), all(16), 1, new Random(seed));
            picker.recount(List.of(a));
            first.add(picker.pick(a));
        }
        assertThat(first).hasSizeGreaterThan(10);
    }

    @Test
    void skipsVerifiedRequestedAndBadChunks() {
        PeerState a = peer("a", 4);
        BitSet done = new BitSet();
        done.set(0);
        PiecePicker picker = new PiecePicker(4, done, all(4), 1, new Random(1));
        picker.recount(List.of(a));
        picker.requested(1);
        a.sentBad(2);

        assertThat(picker.pick(a)).isEqualTo(3);
    }

    @Test
    void inEndgameAsksAnotherPeerForAChunkInFlightButNeverTheSamePeerTwice() {
        PeerState slow = peer("slow", 2);
        PeerState fast = peer("fast", 2);
        PiecePicker picker = new PiecePicker(2, new BitSet(), all(2), 1, new Random(1));
        picker.recount(List.of(slow, fast));
        int one = picker.pick(slow);
        picker.requested(one);
        slow.requested(one, 1);
        int two = picker.pick(slow);
        picker.requested(two);
        slow.requested(two, 1);

        assertThat(picker.pick(slow)).as("nothing left for the peer already fetching both").isEqualTo(-1);
        int duplicate = picker.pick(fast);
        assertThat(duplicate).isIn(one, two);
    }

    @Test
    void endgameIsNotEnteredWhileAnotherPeerCouldStillTakeAnUnrequestedChunk() {
        PeerState a = peer("a", 2, 0);
        PeerState b = peer("b", 2);
        PiecePicker picker = new PiecePicker(2, new BitSet(), all(2), 1, new Random(1));
        picker.recount(List.of(a, b));
        picker.requested(0);
        a.requested(0, 1);

        assertThat(picker.pick(a)).as("chunk 1 is unrequested; b should take it").isEqualTo(-1);
    }

    @Test
    void endgameCopiesAreBounded() {
        PiecePicker picker = new PiecePicker(1, new BitSet(), all(1), 1, new Random(1));
        PeerState[] peers = new PeerState[PiecePicker.ENDGAME_COPIES + 1];
        for (int i = 0; i < peers.length; i++) peers[i] = peer("p" + i, 1);
        picker.recount(List.of(peers));
        for (int i = 0; i < PiecePicker.ENDGAME_COPIES; i++) {
            assertThat(picker.pick(peers[i])).isZero();
            picker.requested(0);
            peers[i].requested(0, 1);
        }
        assertThat(picker.pick(peers[PiecePicker.ENDGAME_COPIES])).isEqualTo(-1);
    }

    @Test
    void picksStayCheapInAHugeFile() {
        int chunks = 204_800; // 100 GiB
        PeerState a = peer("a", chunks);
        PeerState b = peer("b", chunks);
        PiecePicker picker = new PiecePicker(chunks, new BitSet(), all(chunks), 1, new Random(1));
        picker.recount(List.of(a, b));
        long started = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            int chunk = picker.pick(i % 2 == 0 ? a : b);
            assertThat(chunk).isLessThan(20_000 + PiecePicker.TIE_WINDOW);
            picker.requested(chunk);
        }
        assertThat(System.nanoTime() - started).as("20,000 picks").isLessThan(2_000_000_000L);
    }

    @Test
    void asksForRunsOfNeighboursThatNobodyElseIsFetching() {
        PeerState a = peer("a", 32);
        PeerState b = peer("b", 32, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
        PiecePicker picker = new PiecePicker(32, new BitSet(), all(32), 8, new Random(3));
        picker.recount(List.of(a, b));

        int first = picker.pick(b);
        assertThat(first % 8).as("a pick starts where a whole run fits").isZero();
        int run = picker.run(b, first, 8);
        assertThat(run).as("a run stops where the peer's chunks end").isEqualTo(first == 16 ? 4 : 8);
        for (int i = first; i < first + run; i++) picker.requested(i);
        assertThat(picker.run(b, first, 3)).as("endgame: a chunk in flight is asked alone").isEqualTo(1);

        int next = picker.pick(a);
        assertThat(next < first || next >= first + run).as("not a chunk in flight").isTrue();
        assertThat(picker.run(a, next, 2)).as("at most what the peer's window takes").isEqualTo(2);
    }

    @Test
    void aRunStartsAtTheFirstFreeChunkOfAStretch() {
        PeerState a = peer("a", 16);
        BitSet done = new BitSet();
        done.set(0, 3);
        for (int seed = 0; seed < 20; seed++) {
            PiecePicker again = new PiecePicker(16, done, all(16), 8, new Random(seed));
            again.recount(List.of(a));
            again.requested(10);
            int first = again.pick(a);
            assertThat(first).isIn(3, 8, 11);
            assertThat(again.run(a, first, 8)).isEqualTo(first == 3 ? 7 : first == 8 ? 2 : 5);
        }
    }

    @Test
    void roomFreedChunkByChunkIsHandedOutAsWholeRuns() {
        PeerState peer = peer("a", 32);
        peer.sample(0.25, 1, 16); // nothing measured yet: the first window (4) stands
        for (int i = 0; i < 4; i++) peer.requested(i, 1);
        assertThat(peer.hasRoom(8)).isFalse();
        peer.settled(0);
        assertThat(peer.hasRoom(8)).as("one chunk of room in a window of 4").isFalse();
        for (int i = 1; i < 4; i++) peer.settled(i);
        assertThat(peer.hasRoom(8)).as("a window smaller than a run: all of it").isTrue();
        assertThat(peer.room()).isEqualTo(4);
    }
}
