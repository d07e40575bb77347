package dev.p2pshare.shared;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * What a shared file is: its name, size, whole-file SHA-256 (the file's identity) and the SHA-256
 * of every chunk. All hashes are lower-case hex.
 */
@Schema(description = "What a shared file is: name, size, whole-file SHA-256 (its identity) and the SHA-256 of every "
        + "512 KiB chunk; all hashes lower-case hex.")
public record Manifest(
        @Schema(description = ApiExamples.FILE_NAME, minLength = 1, maxLength = FileNames.MAX_BYTES, example = ApiExamples.FILE)
        String name,
        @Schema(description = "Size in bytes.", minimum = "0", example = ApiExamples.SIZE)
        long size,
        @Schema(description = "Chunk size in bytes: always 524288 (512 KiB).", minimum = "524288", maximum = "524288",
                example = "524288")
        int chunkSize,
        @Schema(description = "SHA-256 of the whole file, lower-case hex: the file's identity, the {sha256} of "
                + "GET /chunks/{sha256}/{index}.", pattern = ApiExamples.SHA256_PATTERN, minLength = 64, maxLength = 64,
                example = ApiExamples.SHA256)
        String sha256,
        @ArraySchema(arraySchema = @Schema(description = "SHA-256 of each chunk in order, lower-case hex: chunk i covers "
                + "bytes [i * chunkSize, min(size, (i + 1) * chunkSize)); ceil(size / chunkSize) of them."),
                schema = @Schema(pattern = ApiExamples.SHA256_PATTERN, minLength = 64, maxLength = 64, example = ApiExamples.CHUNK_SHA256))
        List<String> chunks) {

    /** The one place the chunk size is decided: 512 KiB. */
    public static final int CHUNK_SIZE = 512 * 1024;

    public Manifest {
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
    }

    /** Number of chunks a file of {@code size} bytes has with {@code chunkSize}-byte chunks (0 for an empty file). */
    public static int chunkCount(long size, int chunkSize) {
        return (int) ((size + chunkSize - 1) / chunkSize);
    }

    public int chunkCount() {
        return chunks.size();
    }

    public long offset(int index) {
        return (long) index * chunkSize;
    }

    /** Length in bytes of chunk {@code index}; the last chunk may be shorter. */
    public int chunkLength(int index) {
        if (index < 0 || index >= chunkCount()) {
            throw new IndexOutOfBoundsException("chunk " + index + " of " + chunkCount());
        }
        return (int) Math.min(chunkSize, size - offset(index));
    }

    /** Why this manifest is inconsistent, or null when it is well formed. */
    public String problem() {
        if (!FileNames.isValid(name)) return "invalid file name";
        if (size < 0) return "size must not be negative";
        if (chunkSize != CHUNK_SIZE) return "chunkSize must be " + CHUNK_SIZE;
        if (!Hex.isSha256(sha256)) return "sha256 must be 64 lower-case hex digits";
        long expected = size / chunkSize + (size % chunkSize == 0 ? 0 : 1); // in long: no int overflow for huge sizes
        if (chunks.size() != expected) {
            return "a file of " + size + " bytes has " + expected + " chunks, not " + chunks.size();
        }
        for (String chunk : chunks) {
            if (!Hex.isSha256(chunk)) return "every chunk hash must be 64 lower-case hex digits";
        }
        return null;
    }
}
