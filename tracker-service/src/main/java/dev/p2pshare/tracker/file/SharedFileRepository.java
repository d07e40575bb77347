package dev.p2pshare.tracker.file;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface SharedFileRepository extends JpaRepository<SharedFile, Long> {
    Optional<SharedFile> findByGroupIdAndName(Long groupId, String name);

    /**
     * The group, the caller's membership at {@code now} and the file, in one query; empty when there is no such
     * group.
     */
    @Query("""
            select new dev.p2pshare.tracker.file.FileAccess(g.id, g.name, g.isPrivate,
                case when g.ownerId = :userId then true else false end,
                case when exists (select m.id from GroupMember m where m.groupId = g.id and m.userId = :userId
                                  and (m.expiresAt is null or m.expiresAt > :now))
                     then true else false end,
                f)
            from ShareGroup g left join SharedFile f on f.groupId = g.id and f.name = :fileName
            where g.name = :groupName""")
    Optional<FileAccess> findAccess(String groupName, String fileName, Long userId, Instant now);

    /**
     * The download hot path in one query: the group with the caller's membership row, the file, and its holders online
     * since {@code onlineSince} (complete ones first, freshest heartbeat first), a row each; one row with no holder
     * when there is none, and none when there is no such group. The manifest is not read: it never changes, so it is
     * read once per file ({@link FileService}).
     */
    @Query("""
            select new dev.p2pshare.tracker.file.DetailsRow(g.id, g.name, g.isPrivate, g.ownerId, m.id, m.expiresAt,
                f.id, f.name, f.sha256, h.userId, u.username, p.url, h.chunks, p.lastSeen)
            from ShareGroup g
            left join GroupMember m on m.groupId = g.id and m.userId = :userId
            left join SharedFile f on f.groupId = g.id and f.name = :fileName
            left join Holding h on h.fileId = f.id
                and exists (select o.userId from Peer o where o.userId = h.userId and o.lastSeen > :onlineSince)
            left join Peer p on p.userId = h.userId
            left join User u on u.id = h.userId
            where g.name = :groupName
            order by case when h.chunks is null then 0 else 1 end, p.lastSeen desc""")
    List<DetailsRow> findDetails(String groupName, String fileName, Long userId, Instant onlineSince);

    /** Files of a group someone still holds, with their online complete holders counted. */
    @Query("""
            select new dev.p2pshare.tracker.file.FileRow(f.name, f.size, f.sha256, f.chunkCount,
                (select count(h) from Holding h join Peer p on p.userId = h.userId
                 where h.fileId = f.id and h.chunks is null and p.lastSeen > :onlineSince), f.folder, f.fileCount)
            from SharedFile f
            where f.groupId = :groupId and exists (select h2.id from Holding h2 where h2.fileId = f.id)
            order by f.name""")
    List<FileRow> listHeld(Long groupId, Instant onlineSince);

    @Query("""
            select count(h) from Holding h join Peer p on p.userId = h.userId
            where h.fileId = :fileId and h.chunks is null and p.lastSeen > :onlineSince""")
    long countOnlineSeeders(Long fileId, Instant onlineSince);

    /** A file nobody holds any more leaves the group, so its name is free again. */
    @Transactional
    @Modifying
    @Query("delete from SharedFile f where f.groupId = :groupId and not exists (select h.id from Holding h where h.fileId = f.id)")
    int deleteUnheldInGroup(Long groupId);
}
