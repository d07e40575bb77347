package dev.p2pshare.tracker.group;

import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Memberships. Every query that asks who is a member counts only memberships that have not expired at {@code now}. */
public interface GroupMemberRepository extends JpaRepository<GroupMember, Long> {
    @Query("""
            select case when count(m) > 0 then true else false end from GroupMember m
            where m.groupId = :groupId and m.userId = :userId and (m.expiresAt is null or m.expiresAt > :now)""")
    boolean isMember(Long groupId, Long userId, Instant now);

    Optional<GroupMember> findByGroupIdAndUserId(Long groupId, Long userId);

    /** The current membership, share-locked until the transaction ends (deleting it waits). */
    @Lock(LockModeType.PESSIMISTIC_READ)
    @Query("""
            select m from GroupMember m
            where m.groupId = :groupId and m.userId = :userId and (m.expiresAt is null or m.expiresAt > :now)""")
    Optional<GroupMember> lockMember(Long groupId, Long userId, Instant now);

    @Query("""
            select g.name from GroupMember m join ShareGroup g on g.id = m.groupId
            where m.userId = :userId and (m.expiresAt is null or m.expiresAt > :now) order by g.name""")
    List<String> groupNamesOf(Long userId, Instant now);

    @Modifying
    @Query("delete from GroupMember m where m.groupId = :groupId and m.userId = :userId")
    int deleteMember(Long groupId, Long userId);

    /** Current members from the longest-standing on. */
    @Query("""
            select new dev.p2pshare.tracker.group.MemberRow(u.username, m.userId, m.joinedAt, m.expiresAt)
            from GroupMember m join User u on u.id = m.userId
            where m.groupId = :groupId and (m.expiresAt is null or m.expiresAt > :now) order by m.joinedAt, m.id""")
    List<MemberRow> currentMembers(Long groupId, Instant now);

    /** Every member's user id, current or expired. */
    @Query("select m.userId from GroupMember m where m.groupId = :groupId")
    List<Long> userIdsOf(Long groupId);

    /** Memberships that have expired by {@code now}, oldest first. */
    @Query("select m from GroupMember m where m.expiresAt <= :now order by m.expiresAt, m.id")
    List<GroupMember> expired(Instant now, Limit limit);
}
