/**
 * Wire records of the peer agent's loopback control API ({@code /control/...}) and of the files the
 * CLI and the agent share in the session folder ({@code .p2p/}).
 *
 * <p>Every control call carries {@code Authorization: Bearer <contents of .p2p/agent.secret>}.
 * Errors are RFC 9457 problem+json, as on the tracker.
 */
package dev.p2pshare.shared.control;
