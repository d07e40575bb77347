package dev.p2pshare.agent.system;

/**
 * Ends the agent's process. Registered only when the agent runs as its own program (see
 * AgentApplication.main), so agents started inside tests just close their context.
 */
@FunctionalInterface
public interface ProcessExit {
    void exit(int status);
}
