package dev.p2pshare.shared.control;

/** {@code .p2p/agent.json}: where the running agent listens, written once it is ready. */
public record AgentEndpoint(long pid, String controlUrl, String chunkUrl) {
}
