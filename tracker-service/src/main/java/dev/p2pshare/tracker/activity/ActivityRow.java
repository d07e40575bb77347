package dev.p2pshare.tracker.activity;

import dev.p2pshare.shared.tracker.ActivityKind;
import dev.p2pshare.shared.tracker.ActivityLine;

import java.time.Instant;
import java.util.Comparator;

/** An activity line as read, with its id: the order's tie-breaker, and what tells two reads of one line apart. */
record ActivityRow(Long id, Instant time, ActivityKind kind, String user, String file, String sha256, String address,
                   Long chunks, Long bytes, String reportedBy) {
    /** Newest first, as every page is. */
    static final Comparator<ActivityRow> NEWEST_FIRST =
            Comparator.comparing(ActivityRow::time).thenComparing(ActivityRow::id).reversed();

    ActivityLine line() {
        return new ActivityLine(time, kind, user, file, sha256, address, chunks, bytes, reportedBy);
    }
}
