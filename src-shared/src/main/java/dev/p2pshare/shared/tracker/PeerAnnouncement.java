package dev.p2pshare.shared.tracker;

import dev.p2pshare.shared.ApiExamples;

import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code PUT /api/peers/me}: the URL other peers reach this user's chunk server at. Also the heartbeat. */
@Schema(description = "Where other peers reach the caller's agent; sent again as a heartbeat (a peer silent for "
        + "p2p.tracker.peer-timeout is offline).")
public record PeerAnnouncement(
        @Schema(description = "Base URL of the agent's chunk server (http or https), as other peers can reach it.",
                maxLength = 2048, example = ApiExamples.PEER_URL)
        String url) {
}
