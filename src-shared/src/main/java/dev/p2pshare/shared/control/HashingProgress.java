package dev.p2pshare.shared.control;

/**
 * A file or folder being hashed for sharing: bytes and files done of its size and file count (1 for a file);
 * {@code GET /control/hashing} lists them while {@code POST /control/shares} runs.
 */
public record HashingProgress(String path, long bytesDone, long size, int filesDone, int files) {
}
