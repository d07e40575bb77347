package dev.p2pshare.shared.tracker;

import dev.p2pshare.shared.Manifest;

import java.time.Instant;
import java.util.List;

/**
 * Answer of {@code GET /api/groups/{group}/files/{fileName}}: the manifest, the online peers that
 * hold it (the caller excluded), and a signed download grant for {@code GET /chunks/{sha256}/{index}}.
 */
public record FileDetails(String group, Manifest manifest, List<PeerHolding> peers, String grant, Instant grantExpiresAt) {
    public FileDetails {
        peers = peers == null ? List.of() : List.copyOf(peers);
    }
}
