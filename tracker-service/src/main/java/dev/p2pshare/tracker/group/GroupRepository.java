package dev.p2pshare.tracker.group;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface GroupRepository extends JpaRepository<ShareGroup, Long> {
    Optional<ShareGroup> findByName(String name);

    boolean existsByName(String name);

    /** The group row locked until the transaction ends: membership changes of one group happen one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select g from ShareGroup g where g.name = :name")
    Optional<ShareGroup> lockByName(String name);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select g from ShareGroup g where g.id = :id")
    Optional<ShareGroup> lockById(Long id);

    /** The listing of every group for one caller; {@link #listFor} and {@link #rowFor} add the where clause. */
    String ROWS = """
            select new dev.p2pshare.tracker.group.GroupRow(g.name, o.username, g.isPrivate,
                (select count(m) from GroupMember m where m.groupId = g.id and (m.expiresAt is null or m.expiresAt > :now)),
                (select count(f) from SharedFile f where f.groupId = g.id),
                case when g.ownerId = :userId then true else false end,
                (select count(m2) from GroupMember m2 where m2.groupId = g.id and m2.userId = :userId
                    and (m2.expiresAt is null or m2.expiresAt > :now)),
                (select count(r) from JoinRequest r where r.groupId = g.id and r.userId = :userId),
                (select m3.expiresAt from GroupMember m3 where m3.groupId = g.id and m3.userId = :userId),
                g.memberTtlSeconds)
            from ShareGroup g join User o on o.id = g.ownerId
            """;

    @Query(ROWS + " order by g.name")
    List<GroupRow> listFor(Long userId, Instant now);

    @Query(ROWS + " where g.name = :name")
    Optional<GroupRow> rowFor(String name, Long userId, Instant now);
}
