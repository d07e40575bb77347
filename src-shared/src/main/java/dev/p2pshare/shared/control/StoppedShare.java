package dev.p2pshare.shared.control;

import java.time.Instant;

/**
 * A file this agent shared and stopped sharing by itself, with why ({@code "changed on disk"}) and what brings it
 * back ({@code "upload it again"}); listed in the status until it is shared again or stop_sharing forgets it.
 */
public record StoppedShare(String group, String name, String path, String reason, String fix, Instant stoppedAt) {
}
