package dev.p2pshare.tracker.file;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.ManifestFile;
import dev.p2pshare.tracker.system.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A file or folder shared in a group: its manifest. The chunk hashes are stored as one string of concatenated hex;
 * a folder's files as one text of lines "sha256 size path", its empty folders as one text of a path a line (paths
 * never hold control characters), so a folder of any size is one row.
 */
@Entity
@Table(name = "shared_files")
public class SharedFile extends BaseEntity {
    private static final int HASH_LENGTH = 64;

    @Column(name = "group_id", nullable = false)
    private Long groupId;

    @Column(nullable = false)
    private String name;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(name = "chunk_size", nullable = false)
    private int chunkSize;

    @Column(name = "chunk_count", nullable = false)
    private int chunkCount;

    @Column(nullable = false, length = 64)
    private String sha256;

    @Column(name = "chunk_hashes", nullable = false)
    private String chunkHashes;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    @Column(name = "is_folder", nullable = false)
    private boolean folder;

    @Column(name = "file_count", nullable = false)
    private int fileCount;

    @Column(name = "folder_files")
    private String folderFiles;

    @Column(name = "empty_folders")
    private String emptyFolders;

    protected SharedFile() {
    }

    public SharedFile(Long groupId, Manifest manifest, Instant registeredAt) {
        this.groupId = groupId;
        this.name = manifest.name();
        this.size = manifest.size();
        this.chunkSize = manifest.chunkSize();
        this.chunkCount = manifest.chunkCount();
        this.sha256 = manifest.sha256();
        this.chunkHashes = String.join("", manifest.chunks());
        this.registeredAt = registeredAt;
        this.folder = manifest.isFolder();
        this.fileCount = manifest.fileCount();
        this.folderFiles = encodeFiles(manifest.files());
        this.emptyFolders = encodeFolders(manifest.emptyFolders());
    }

    public Long getGroupId() {
        return groupId;
    }

    public String getName() {
        return name;
    }

    public String getSha256() {
        return sha256;
    }

    public int getChunkCount() {
        return chunkCount;
    }

    public Manifest toManifest() {
        List<String> chunks = new ArrayList<>(chunkCount);
        for (int i = 0; i < chunkCount; i++) {
            chunks.add(chunkHashes.substring(i * HASH_LENGTH, (i + 1) * HASH_LENGTH));
        }
        if (!folder) return new Manifest(name, size, chunkSize, sha256, chunks);
        return new Manifest(name, size, chunkSize, sha256, chunks, decodeFiles(folderFiles), decodeFolders(emptyFolders));
    }

    /** Same name, same content: the whole manifest matches (for a folder, its files and empty folders too). */
    public boolean sameContentAs(Manifest manifest) {
        return sha256.equals(manifest.sha256()) && size == manifest.size() && chunkSize == manifest.chunkSize()
                && chunkHashes.equals(String.join("", manifest.chunks())) && folder == manifest.isFolder()
                && Objects.equals(folderFiles, encodeFiles(manifest.files()))
                && Objects.equals(emptyFolders, encodeFolders(manifest.emptyFolders()));
    }

    private static String encodeFiles(List<ManifestFile> files) {
        if (files == null) return null;
        StringBuilder text = new StringBuilder(files.size() * 100);
        for (ManifestFile file : files) {
            text.append(file.sha256()).append(' ').append(file.size()).append(' ').append(file.path()).append('\n');
        }
        return text.toString();
    }

    private static List<ManifestFile> decodeFiles(String text) {
        List<ManifestFile> files = new ArrayList<>();
        for (int start = 0, end; start < text.length(); start = end + 1) {
            end = text.indexOf('\n', start);
            int sizeEnd = text.indexOf(' ', start + HASH_LENGTH + 1);
            files.add(new ManifestFile(text.substring(sizeEnd + 1, end),
                    Long.parseLong(text, start + HASH_LENGTH + 1, sizeEnd, 10), text.substring(start, start + HASH_LENGTH)));
        }
        return files;
    }

    private static String encodeFolders(List<String> folders) {
        if (folders == null) return null;
        StringBuilder text = new StringBuilder();
        for (String folder : folders) text.append(folder).append('\n');
        return text.toString();
    }

    private static List<String> decodeFolders(String text) {
        return text.isEmpty() ? List.of() : List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }
}
