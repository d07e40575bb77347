package dev.p2pshare.agent.tracker;

/** Published when the tracker answers again (at start and after an outage): time to re-register what we hold. */
public record TrackerConnected(String tracker) {
}
