package dev.p2pshare.shared.tracker;

import java.util.List;

/** A page of {@code GET /api/groups/{group}/activity}, newest first; {@code more} when a next page has lines. */
public record ActivityPage(List<ActivityLine> lines, int page, int size, boolean more) {
}
