package dev.p2pshare.agent.tracker;

import java.util.Set;

/**
 * Published after every heartbeat the tracker took: the groups the user is a member of, as the tracker knew
 * them when it answered the heartbeat sent at {@code askedAtNanos} ({@link System#nanoTime()}).
 */
public record TrackerMemberships(Set<String> groups, long askedAtNanos) {
}
