package dev.p2pshare.tracker.peer;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;

public interface PeerRepository extends JpaRepository<Peer, Long> {

    @Transactional
    @Modifying
    @Query("update Peer p set p.url = :url, p.lastSeen = :now where p.userId = :userId")
    int touch(Long userId, String url, Instant now);

    long countByLastSeenAfter(Instant since);

    @Transactional
    @Modifying
    @Query("delete from Peer p where p.userId = :userId")
    int deleteByUserId(Long userId);
}
