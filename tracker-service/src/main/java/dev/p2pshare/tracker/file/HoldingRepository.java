package dev.p2pshare.tracker.file;

import dev.p2pshare.shared.tracker.PeerHolding;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;

public interface HoldingRepository extends JpaRepository<Holding, Long> {

    @Transactional
    @Modifying
    @Query("update Holding h set h.chunks = :chunks, h.updatedAt = :now where h.fileId = :fileId and h.userId = :userId")
    int update(Long fileId, Long userId, String chunks, Instant now);

    @Transactional
    @Modifying
    @Query("delete from Holding h where h.fileId = :fileId and h.userId = :userId")
    int deleteHolding(Long fileId, Long userId);

    @Modifying
    @Query("delete from Holding h where h.userId = :userId and h.fileId in (select f.id from SharedFile f where f.groupId = :groupId)")
    int deleteByUserInGroup(Long userId, Long groupId);

    /** Online holders of a file other than {@code userId}, complete ones first, freshest heartbeat first. */
    @Query("""
            select new dev.p2pshare.shared.tracker.PeerHolding(u.username, p.url, h.chunks)
            from Holding h join Peer p on p.userId = h.userId join User u on u.id = h.userId
            where h.fileId = :fileId and h.userId <> :userId and p.lastSeen > :onlineSince
            order by case when h.chunks is null then 0 else 1 end, p.lastSeen desc""")
    List<PeerHolding> onlineHoldersExcept(Long fileId, Long userId, Instant onlineSince);
}
