package dev.p2pshare.shared.tracker;

import java.util.List;

/** What an agent served in one group since its last report: {@code POST /api/groups/{group}/activity/served}. */
public record ServedReport(List<ServedCount> counts) {
    /** Most counts one report may carry; an agent sends more in several. */
    public static final int MAX_COUNTS = 1000;
}
