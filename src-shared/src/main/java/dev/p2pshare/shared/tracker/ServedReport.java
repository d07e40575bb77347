package dev.p2pshare.shared.tracker;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** What an agent served in one group since its last report: {@code POST /api/groups/{group}/activity/served}. */
@Schema(description = "What the caller's agent served in one group since its last report; stored as reported by the "
        + "caller, since the tracker cannot check it.")
public record ServedReport(
        @ArraySchema(arraySchema = @Schema(description = "One count per user and file served; at most 1000 a report "
                + "(an agent sends more in several)."), maxItems = ServedReport.MAX_COUNTS)
        List<ServedCount> counts) {
    /** Most counts one report may carry; an agent sends more in several. */
    public static final int MAX_COUNTS = 1000;
}
