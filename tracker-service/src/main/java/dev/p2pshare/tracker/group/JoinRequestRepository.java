package dev.p2pshare.tracker.group;

import dev.p2pshare.shared.tracker.JoinRequestInfo;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

public interface JoinRequestRepository extends JpaRepository<JoinRequest, Long> {
    boolean existsByGroupIdAndUserId(Long groupId, Long userId);

    @Modifying
    @Query("delete from JoinRequest r where r.groupId = :groupId and r.userId = :userId")
    int deleteRequest(Long groupId, Long userId);

    @Query("""
            select new dev.p2pshare.shared.tracker.JoinRequestInfo(u.username, r.requestedAt)
            from JoinRequest r join User u on u.id = r.userId
            where r.groupId = :groupId order by r.requestedAt, r.id""")
    List<JoinRequestInfo> listPending(Long groupId);
}
