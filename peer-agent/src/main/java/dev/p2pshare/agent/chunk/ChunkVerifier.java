package dev.p2pshare.agent.chunk;

import dev.p2pshare.shared.Hex;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Checks chunk bytes against the SHA-256 a manifest lists for them. */
public final class ChunkVerifier {
    private ChunkVerifier() {
    }

    /** True when the remaining bytes of {@code data} hash to {@code expectedHex}; the buffer's position is kept. */
    public static boolean matches(ByteBuffer data, String expectedHex) {
        MessageDigest digest = sha256();
        digest.update(data.duplicate());
        return MessageDigest.isEqual(digest.digest(), Hex.parse(expectedHex));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
