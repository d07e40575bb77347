package dev.p2pshare.tracker.session;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;

public interface ApiKeyRepository extends JpaRepository<ApiKey, Long> {

    List<ApiKey> findByUserIdOrderByName(Long userId);

    boolean existsByUserIdAndName(Long userId, String name);

    long countByUserId(Long userId);

    @Transactional
    @Modifying
    @Query("delete from ApiKey k where k.userId = :userId and k.name = :name")
    int deleteByUserIdAndName(Long userId, String name);

    /** Notes a use, at most once per key and minute: a write for every request would be wasted. */
    @Transactional
    @Modifying
    @Query("update ApiKey k set k.lastUsedAt = :now where k.id = :id and (k.lastUsedAt is null or k.lastUsedAt < :staleBefore)")
    int touch(Long id, Instant now, Instant staleBefore);
}
