package dev.p2pshare.agent.chunk;

/** The chunk server found a held file no longer matching its manifest and stopped serving it. */
public record HeldFileChanged(HeldFile file, String reason) {
}
