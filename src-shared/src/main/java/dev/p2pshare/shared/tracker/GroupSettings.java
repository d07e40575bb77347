package dev.p2pshare.shared.tracker;

import java.time.Duration;

/**
 * Body of {@code PATCH /api/groups/{group}} (owner only): {@code memberTtl} is how long a membership granted from
 * now on lasts (ISO-8601, e.g. {@code "P30D"}); null makes new memberships last for good.
 */
public record GroupSettings(Duration memberTtl) {
}
