package dev.p2pshare.tracker.file;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;

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
}
