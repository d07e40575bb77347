package dev.p2pshare.tracker.group;

import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

public interface GroupMemberRepository extends JpaRepository<GroupMember, Long> {
    boolean existsByGroupIdAndUserId(Long groupId, Long userId);

    /** The membership, share-locked until the transaction ends (deleting it waits). */
    @Lock(LockModeType.PESSIMISTIC_READ)
    @Query("select m from GroupMember m where m.groupId = :groupId and m.userId = :userId")
    Optional<GroupMember> lockMember(Long groupId, Long userId);

    @Query("select g.name from GroupMember m join ShareGroup g on g.id = m.groupId where m.userId = :userId order by g.name")
    List<String> groupNamesOf(Long userId);

    @Modifying
    @Query("delete from GroupMember m where m.groupId = :groupId and m.userId = :userId")
    int deleteMember(Long groupId, Long userId);

    /** Members from the longest-standing on. */
    @Query("select m from GroupMember m where m.groupId = :groupId order by m.joinedAt, m.id")
    List<GroupMember> longestStanding(Long groupId, Limit limit);
}
