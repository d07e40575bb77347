package dev.p2pshare.shared.control;

/** A file being hashed for sharing; {@code GET /control/hashing} lists them while {@code POST /control/shares} runs. */
public record HashingProgress(String path, long bytesDone, long size) {
}
