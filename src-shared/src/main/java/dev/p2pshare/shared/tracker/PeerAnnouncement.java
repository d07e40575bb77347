package dev.p2pshare.shared.tracker;

/** Body of {@code PUT /api/peers/me}: the URL other peers reach this user's chunk server at. Also the heartbeat. */
public record PeerAnnouncement(String url) {
}
