package dev.p2pshare.tracker.session;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;

public interface LoginFailureRepository extends JpaRepository<LoginFailure, Long> {

    @Query("select count(f) from LoginFailure f where f.username = :username and f.address = :address and f.failedAt > :since")
    long countForName(String username, String address, Instant since);

    @Query("select min(f.failedAt) from LoginFailure f where f.username = :username and f.address = :address and f.failedAt > :since")
    Instant oldestForName(String username, String address, Instant since);

    @Query("select count(f) from LoginFailure f where f.address = :address and f.failedAt > :since")
    long countForAddress(String address, Instant since);

    @Query("select min(f.failedAt) from LoginFailure f where f.address = :address and f.failedAt > :since")
    Instant oldestForAddress(String address, Instant since);

    /** Forgets one counted attempt; a no-op when a concurrent success has forgotten it already. */
    @Transactional
    @Modifying
    @Query("delete from LoginFailure f where f.id = :id")
    void forget(Long id);

    @Transactional
    @Modifying
    @Query("delete from LoginFailure f where f.username = :username and f.address = :address")
    void deleteForName(String username, String address);

    @Transactional
    @Modifying
    @Query("delete from LoginFailure f where f.failedAt < :before")
    int deleteOlderThan(Instant before);
}
