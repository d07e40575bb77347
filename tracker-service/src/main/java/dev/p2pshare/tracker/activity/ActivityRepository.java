package dev.p2pshare.tracker.activity;

import dev.p2pshare.shared.tracker.ActivityKind;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

interface ActivityRepository extends JpaRepository<ActivityEntry, Long> {

    /** The user's latest grant lines for the file in the group (ask for one). */
    List<ActivityEntry> findByGroupIdAndUserIdAndFileSha256AndKindInOrderByCreatedAtDesc(
            Long groupId, Long userId, String fileSha256, Collection<ActivityKind> kinds, Limit limit);

    @Transactional
    @Modifying
    @Query("delete from ActivityEntry a where a.createdAt < :before")
    int deleteOlderThan(Instant before);
}
