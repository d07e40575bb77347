package dev.p2pshare.agent.system;

/** Published once both listeners are up and agent.json is written: where peers and the CLI reach this agent. */
public record AgentReady(String chunkUrl, String controlUrl) {
}
