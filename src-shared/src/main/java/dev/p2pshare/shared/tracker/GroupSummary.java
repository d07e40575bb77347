package dev.p2pshare.shared.tracker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.time.Instant;

/**
 * One group as {@code GET /api/groups}, {@code GET /api/groups/{group}} and {@code POST /api/groups} show it to
 * the caller. {@code membership} is the caller's standing: MEMBER, OWNER, PENDING (join request filed) or NONE;
 * {@code expiresAt} is when the caller's membership ends (null: it does not); {@code memberTtl} is how long a
 * membership lasts when the owner set a default (null: for good).
 */
public record GroupSummary(String name, String owner, @JsonProperty("private") boolean isPrivate,
                           int members, int files, Membership membership,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Instant expiresAt,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Duration memberTtl) {

    /** A group without expiry for the caller and without a default membership length. */
    public GroupSummary(String name, String owner, boolean isPrivate, int members, int files, Membership membership) {
        this(name, owner, isPrivate, members, files, membership, null, null);
    }
}
