package dev.p2pshare.shared.tracker;

import dev.p2pshare.shared.ApiExamples;
import dev.p2pshare.shared.Names;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** Answer of {@code POST /api/users} and {@code GET /api/users/me}. */
@Schema(description = "A user account.")
public record UserInfo(
        @Schema(description = "User name.", pattern = Names.REGEX, minLength = 1, maxLength = 64, example = ApiExamples.USER)
        String username,
        @Schema(description = "When the account was created.", example = ApiExamples.INSTANT)
        Instant createdAt) {
}
