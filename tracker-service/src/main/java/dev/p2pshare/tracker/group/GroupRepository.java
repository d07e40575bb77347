package dev.p2pshare.tracker.group;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

public interface GroupRepository extends JpaRepository<ShareGroup, Long> {
    Optional<ShareGroup> findByName(String name);

    boolean existsByName(String name);

    /** The group row locked until the transaction ends: membership changes of one group happen one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select g from ShareGroup g where g.name = :name")
    Optional<ShareGroup> lockByName(String name);

    @Query("""
            select new dev.p2pshare.tracker.group.GroupRow(g.name, o.username, g.isPrivate,
                (select count(m) from GroupMember m where m.groupId = g.id),
                (select count(f) from SharedFile f where f.groupId = g.id),
                case when g.ownerId = :userId then true else false end,
                (select count(m2) from GroupMember m2 where m2.groupId = g.id and m2.userId = :userId),
                (select count(r) from JoinRequest r where r.groupId = g.id and r.userId = :userId))
            from ShareGroup g join User o on o.id = g.ownerId
            order by g.name""")
    List<GroupRow> listFor(Long userId);
}
