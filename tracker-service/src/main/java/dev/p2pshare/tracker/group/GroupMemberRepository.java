package dev.p2pshare.tracker.group;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

public interface GroupMemberRepository extends JpaRepository<GroupMember, Long> {
    boolean existsByGroupIdAndUserId(Long groupId, Long userId);

    @Modifying
    @Query("delete from GroupMember m where m.groupId = :groupId and m.userId = :userId")
    int deleteMember(Long groupId, Long userId);

    /** Members from the longest-standing on. */
    @Query("select m from GroupMember m where m.groupId = :groupId order by m.joinedAt, m.id")
    List<GroupMember> longestStanding(Long groupId, Limit limit);
}
