package dev.p2pshare.shared.tracker;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One group as {@code GET /api/groups} and {@code POST /api/groups} show it to the caller.
 * {@code membership} is the caller's standing: MEMBER, OWNER, PENDING (join request filed) or NONE.
 */
public record GroupSummary(String name, String owner, @JsonProperty("private") boolean isPrivate,
                           int members, int files, Membership membership) {
}
