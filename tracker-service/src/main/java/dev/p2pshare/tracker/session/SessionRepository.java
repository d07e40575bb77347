package dev.p2pshare.tracker.session;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.Optional;

public interface SessionRepository extends JpaRepository<Session, Long> {

    /** The live session of a token hash, with its user's name and end; empty when unknown, revoked or expired. */
    @Query("""
            select new dev.p2pshare.tracker.session.LiveToken(u.id, u.username, s.id, s.expiresAt)
            from Session s join User u on u.id = s.userId
            where s.tokenHash = :tokenHash and s.revokedAt is null and s.expiresAt > :now""")
    Optional<LiveToken> findLive(String tokenHash, Instant now);

    @Transactional
    @Modifying
    @Query("update Session s set s.revokedAt = :now where s.id = :id and s.revokedAt is null")
    int revoke(Long id, Instant now);

    @Transactional
    @Modifying
    @Query("delete from Session s where s.expiresAt < :now or s.revokedAt < :revokedBefore")
    int deleteDead(Instant now, Instant revokedBefore);
}
