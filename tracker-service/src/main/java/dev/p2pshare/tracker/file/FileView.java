package dev.p2pshare.tracker.file;

import dev.p2pshare.shared.tracker.PeerHolding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A group and one file of it (fileId null: no such file) with the file's holders that were online when it was
 * read, but for partial holders that hold no chunk yet: what file details read about a file, whoever asks.
 */
record FileView(long groupId, String groupName, boolean isPrivate, long ownerId, Long fileId, String fileName,
                String sha256, List<Holder> holders) {
    record Holder(long userId, PeerHolding holding, Instant lastSeen) {
    }

    /** From the rows of {@link SharedFileRepository#findDetails}, at least one. */
    static FileView of(List<DetailsRow> rows) {
        DetailsRow first = rows.get(0);
        List<Holder> holders = new ArrayList<>(rows.size());
        for (DetailsRow row : rows) {
            if (row.holderId() != null && holdsAChunk(row.holding())) {
                holders.add(new Holder(row.holderId(), row.holding(), row.lastSeen()));
            }
        }
        return new FileView(first.groupId(), first.groupName(), first.isPrivate(), first.ownerId(), first.fileId(),
                first.fileName(), first.sha256(), List.copyOf(holders));
    }

    private static boolean holdsAChunk(PeerHolding holding) {
        if (holding.complete()) return true;
        for (byte b : Base64.getDecoder().decode(holding.chunks())) {
            if (b != 0) return true;
        }
        return false;
    }

    /** The holders still online since {@code onlineSince}, {@code userId} left out, in the order read. */
    List<PeerHolding> holdersOnline(Instant onlineSince, long userId) {
        List<PeerHolding> online = new ArrayList<>(holders.size());
        for (Holder holder : holders) {
            if (holder.userId() != userId && holder.lastSeen().isAfter(onlineSince)) online.add(holder.holding());
        }
        return online;
    }
}
