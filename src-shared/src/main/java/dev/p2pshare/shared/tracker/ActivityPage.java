package dev.p2pshare.shared.tracker;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A page of {@code GET /api/groups/{group}/activity}, newest first; {@code more} when a next page has lines. */
@Schema(description = "A page of a group's activity record, newest first.")
public record ActivityPage(
        @ArraySchema(arraySchema = @Schema(description = "The page's lines, newest first: the whole record for the "
                + "group's owner, else only the lines about the caller (as downloader or reporter)."))
        List<ActivityLine> lines,
        @Schema(description = "Page number, from 0.", minimum = "0", example = "0")
        int page,
        @Schema(description = "Lines a page, 1 to 500 (default 50).", minimum = "1", maximum = "500", example = "50")
        int size,
        @Schema(description = "Whether the next page has lines.", example = "true")
        boolean more) {
}
