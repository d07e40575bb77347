package dev.p2pshare.agent.serve;

/** A verified download grant: {@code user} may fetch the file {@code sha256} of {@code group}. */
public record Grant(String user, String group, String sha256) {
}
