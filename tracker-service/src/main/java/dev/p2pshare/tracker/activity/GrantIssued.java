package dev.p2pshare.tracker.activity;

import java.time.Instant;

/** A download grant the tracker signed: to {@code userId}, for the file {@code sha256} of a group, asked from {@code address}. */
public record GrantIssued(Long groupId, Long userId, String fileName, String sha256, String address,
                          Instant issuedAt, Instant expiresAt) {
}
