package dev.p2pshare.tracker.grant;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

public interface GrantKeyRepository extends JpaRepository<GrantKey, String> {
    @Query("select k from GrantKey k order by k.createdAt desc, k.kid")
    List<GrantKey> newestFirst();
}
