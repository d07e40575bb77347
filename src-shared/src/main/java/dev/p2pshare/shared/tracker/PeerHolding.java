package dev.p2pshare.shared.tracker;

/**
 * An online peer holding (part of) a file. {@code chunks} is the Base64 bitfield of the chunks it
 * holds, or null when it holds the whole file.
 */
public record PeerHolding(String username, String url, String chunks) {
    public boolean complete() {
        return chunks == null;
    }
}
