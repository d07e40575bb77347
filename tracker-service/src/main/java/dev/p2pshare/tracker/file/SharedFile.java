package dev.p2pshare.tracker.file;

import dev.p2pshare.shared.Manifest;
import dev.p2pshare.tracker.system.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A file shared in a group: its manifest. The chunk hashes are stored as one string of concatenated hex. */
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
        return new Manifest(name, size, chunkSize, sha256, chunks);
    }

    /** Same name, same content: the whole manifest matches. */
    public boolean sameContentAs(Manifest manifest) {
        return sha256.equals(manifest.sha256()) && size == manifest.size() && chunkSize == manifest.chunkSize()
                && chunkHashes.equals(String.join("", manifest.chunks()));
    }
}
