package dev.p2pshare.shared;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a share is: its name, size, identity SHA-256 and the SHA-256 of every chunk; all hashes are
 * lower-case hex. A file's identity is the SHA-256 of its bytes. A folder ({@code files} present) is its
 * regular files in path order (String order of the paths), chunked as if they were one stream, so small
 * files share chunks as in a BitTorrent multi-file torrent; its identity is {@link #folderIdentity} over
 * the file list, the empty folders and the chunk hashes, so anyone holding the manifest can check it.
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
        List<String> chunks,
        @ArraySchema(arraySchema = @Schema(description = "A folder's regular files in path order (absent for a single "
                + "file); chunks run over their bytes as one stream in this order."))
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<ManifestFile> files,
        @ArraySchema(arraySchema = @Schema(description = "A folder's empty folders, in path order (absent for a single "
                + "file)."), schema = @Schema(example = "raw/unsorted"))
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<String> emptyFolders) {

    /** The one place the chunk size is decided: 512 KiB. */
    public static final int CHUNK_SIZE = 512 * 1024;
    /** Neighbouring chunks one request to a chunk server may ask for ({@code ?count=n}): 8 MiB. */
    public static final int MAX_RUN = 16;

    private static final String FOLDER_FORMAT = "p2p-share folder 1\n";

    public Manifest {
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
        files = files == null ? null : List.copyOf(files);
        emptyFolders = files == null ? null : emptyFolders == null ? List.of() : List.copyOf(emptyFolders);
    }

    /** A single file's manifest. */
    public Manifest(String name, long size, int chunkSize, String sha256, List<String> chunks) {
        this(name, size, chunkSize, sha256, chunks, null, null);
    }

    /** A folder's manifest, its identity computed from the rest. */
    public static Manifest folder(String name, List<ManifestFile> files, List<String> emptyFolders, List<String> chunks) {
        long size = 0;
        for (ManifestFile file : files) size += file.size();
        return new Manifest(name, size, CHUNK_SIZE, folderIdentity(files, emptyFolders, chunks), chunks, files,
                emptyFolders);
    }

    /** True for a folder, false for a single file. */
    @JsonIgnore
    public boolean isFolder() {
        return files != null;
    }

    /** Regular files in the share: 1 for a single file. */
    @JsonIgnore
    public int fileCount() {
        return files == null ? 1 : files.size();
    }

    /**
     * A folder's identity: SHA-256 of a canonical text of its files (size, SHA-256, path), empty folders
     * and chunk hashes. Paths never hold control characters, so a line is one entry.
     */
    public static String folderIdentity(List<ManifestFile> files, List<String> emptyFolders, List<String> chunks) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        StringBuilder line = new StringBuilder(FOLDER_FORMAT);
        for (ManifestFile file : files) {
            line.append("f ").append(file.size()).append(' ').append(file.sha256()).append(' ').append(file.path()).append('\n');
            digest.update(line.toString().getBytes(StandardCharsets.UTF_8));
            line.setLength(0);
        }
        for (String folder : emptyFolders == null ? List.<String>of() : emptyFolders) line.append("d ").append(folder).append('\n');
        for (String chunk : chunks) line.append("c ").append(chunk).append('\n');
        digest.update(line.toString().getBytes(StandardCharsets.UTF_8));
        return Hex.of(digest.digest());
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

    /** Why this manifest is inconsistent under the default folder limits, or null when it is well formed. */
    public String problem() {
        return problem(FolderLimits.DEFAULT);
    }

    /** Why this manifest is inconsistent, or null when it is well formed and a folder keeps within {@code limits}. */
    public String problem(FolderLimits limits) {
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
        return files == null ? null : folderProblem(limits);
    }

    private String folderProblem(FolderLimits limits) {
        int entries = files.size() + emptyFolders.size();
        if (entries > limits.maxFiles()) {
            return "the folder has " + entries + " entries, more than max-files (" + limits.maxFiles() + ")";
        }
        Map<String, String> seen = new HashMap<>();
        long total = 0;
        String previous = null;
        for (ManifestFile file : files) {
            if (file == null) return "a file entry is empty";
            String problem = FolderPaths.problem(file.path(), limits);
            if (problem != null) return problem;
            if (file.size() < 0) return "file " + file.path() + " has a negative size";
            if (!Hex.isSha256(file.sha256())) return "file " + file.path() + ": sha256 must be 64 lower-case hex digits";
            if (previous != null && previous.compareTo(file.path()) >= 0) {
                return "files must be in path order without repeats (" + file.path() + " after " + previous + ")";
            }
            previous = file.path();
            total += file.size();
            if (total < 0) return "the files' sizes overflow";
            problem = claim(seen, file.path(), true);
            if (problem != null) return problem;
        }
        if (total != size) return "the files add up to " + total + " bytes, not size " + size;
        previous = null;
        for (String folder : emptyFolders) {
            String problem = FolderPaths.problem(folder, limits);
            if (problem != null) return problem;
            if (previous != null && previous.compareTo(folder) >= 0) {
                return "empty folders must be in path order without repeats (" + folder + " after " + previous + ")";
            }
            previous = folder;
            problem = claim(seen, folder, false);
            if (problem != null) return problem;
        }
        if (!sha256.equals(folderIdentity(files, emptyFolders, chunks))) {
            return "sha256 is not the folder's identity (SHA-256 over its files, empty folders and chunk hashes)";
        }
        return null;
    }

    /**
     * Records {@code path} (a file when {@code file}, else a folder) and its parent folders under their
     * collision keys; names the clash when two differ only in case or normalization, or a path is both a
     * file and a folder.
     */
    private static String claim(Map<String, String> seen, String path, boolean file) {
        for (int end = path.indexOf('/'); ; end = path.indexOf('/', end + 1)) {
            boolean last = end < 0;
            String prefix = last ? path : path.substring(0, end);
            String kind = (last && file ? "file " : "folder ") + prefix;
            String earlier = seen.putIfAbsent(FolderPaths.collisionKey(prefix), kind);
            if (earlier != null && !earlier.equals(kind)) {
                return kind + " collides with " + earlier + " (names must differ in more than case)";
            }
            if (last) return null;
        }
    }
}
