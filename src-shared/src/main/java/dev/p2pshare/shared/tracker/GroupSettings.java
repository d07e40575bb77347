package dev.p2pshare.shared.tracker;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Duration;

/**
 * Body of {@code PATCH /api/groups/{group}} (owner only): {@code memberTtl} is how long a membership granted from
 * now on lasts (ISO-8601, e.g. {@code "P30D"}); null makes new memberships last for good.
 */
@Schema(description = "A group's settings, changed by its owner.")
public record GroupSettings(
        @Schema(description = "How long a membership granted from now on lasts, as an ISO-8601 duration between PT1S and "
                + "P36500D; null: memberships last for good.", example = "P30D")
        Duration memberTtl) {
}
