package dev.p2pshare.shared.control;

/** A peer a download stopped asking, and why (for example "sent 2 corrupt chunks"). */
public record DroppedPeer(String username, String url, String reason) {
}
