package dev.p2pshare.shared.tracker;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.p2pshare.shared.ApiExamples;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.Names;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * Answer of {@code GET /api/groups/{group}/files/{fileName}}: the file's identity and manifest, the online
 * peers that hold it (the caller excluded), and a signed download grant for {@code GET /chunks/{sha256}/{index}}.
 * A refresh asks with {@code manifest=false}: the manifest is then absent, the identity still says whether the
 * name still means the same content.
 */
@Schema(description = "Everything a download needs: what the file is, who has it, and the grant their agents ask for.")
public record FileDetails(
        @Schema(description = "The group the file is shared in.", pattern = Names.REGEX, minLength = 1,
                maxLength = 64, example = ApiExamples.GROUP)
        String group,
        @Schema(description = "The file's identity, its manifest's sha256; present also when the manifest is left out "
                + "(manifest=false), so a running download learns whether the name now means other content.",
                pattern = ApiExamples.SHA256_PATTERN, minLength = 64, maxLength = 64, example = ApiExamples.SHA256)
        String sha256,
        @Schema(description = "The file's manifest: size, whole-file SHA-256 and the SHA-256 of every chunk; absent "
                + "when asked with manifest=false.")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Manifest manifest,
        @ArraySchema(arraySchema = @Schema(description = "Online peers holding all or part of the file, the caller "
                + "excluded: complete holders first, at most p2p.tracker.max-peers of them, drawn anew on every call."))
        List<PeerHolding> peers,
        @Schema(description = "Download grant: a JWT (ES256) the tracker signs for this user, group and file; send it "
                + "to a peer's agent as 'Authorization: Bearer <grant>' on GET /chunks/{sha256}/{index}. Its keys are "
                + "at GET /api/keys.",
                example = "eyJraWQiOiJoek44ZlZHNSIsImFsZyI6IkVTMjU2In0.eyJzdWIiOiJib2IiLCJncnAiOiJwaG90b3MifQ.MEUCIQ")
        String grant,
        @Schema(description = "When the grant expires (p2p.tracker.grant-ttl after it was issued); ask again for a "
                + "fresh one.", example = ApiExamples.INSTANT)
        Instant grantExpiresAt) {
    public FileDetails {
        peers = peers == null ? List.of() : List.copyOf(peers);
        if (sha256 == null && manifest != null) sha256 = manifest.sha256(); // a tracker older than the field
    }

    /** The same answer carrying {@code known}, the manifest a refresh left out because the caller has it. */
    public FileDetails withManifest(Manifest known) {
        return new FileDetails(group, sha256, known, peers, grant, grantExpiresAt);
    }
}
