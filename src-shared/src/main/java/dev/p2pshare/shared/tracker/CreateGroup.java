package dev.p2pshare.shared.tracker;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.p2pshare.shared.ApiExamples;
import dev.p2pshare.shared.Names;
import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /api/groups}: {@code {"name": "...", "private": false}}; "private" may be left out. */
@Schema(description = "A new group; the caller becomes its owner.")
public record CreateGroup(
        @Schema(description = "Group name: 1 to 64 letters, digits, '.', '_' or '-' (not '.' or '..'); unique.",
                pattern = Names.REGEX, minLength = 1, maxLength = 64, example = ApiExamples.GROUP)
        String name,
        @Schema(description = "Private: only members see its files, and joining needs the owner's accept. Open (false, "
                + "the default): every logged-in user may list and download its files, and joining is granted at once.",
                defaultValue = "false", example = "false")
        @JsonProperty("private") Boolean isPrivate) {
    public boolean privateOrDefault() {
        return Boolean.TRUE.equals(isPrivate);
    }
}
