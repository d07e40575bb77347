package dev.p2pshare.shared.tracker;

import dev.p2pshare.shared.ApiExamples;
import dev.p2pshare.shared.Names;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * Answer to {@code PUT /api/peers/me}: the groups the user is a member of, the only ones its agent may hold
 * (serve) files in.
 */
@Schema(description = "The groups the caller's agent may serve files in.")
public record PeerStanding(
        @ArraySchema(arraySchema = @Schema(description = "Groups the caller is a member (or the owner) of."),
                schema = @Schema(pattern = Names.REGEX, minLength = 1, maxLength = 64, example = ApiExamples.GROUP))
        List<String> memberOf) {
}
