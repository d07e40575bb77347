package dev.p2pshare.tracker.session;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;

public interface LoginFailureRepository extends JpaRepository<LoginFailure, Long> {

    @Query("select count(f) from LoginFailure f where f.username = :username and f.failedAt > :since")
    long countSince(String username, Instant since);

    @Query("select min(f.failedAt) from LoginFailure f where f.username = :username and f.failedAt > :since")
    Instant oldestSince(String username, Instant since);

    @Transactional
    @Modifying
    @Query("delete from LoginFailure f where f.username = :username")
    void deleteByUsername(String username);

    @Transactional
    @Modifying
    @Query("delete from LoginFailure f where f.failedAt < :before")
    int deleteOlderThan(Instant before);
}
