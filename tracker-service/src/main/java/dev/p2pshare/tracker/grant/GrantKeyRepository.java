package dev.p2pshare.tracker.grant;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

public interface GrantKeyRepository extends JpaRepository<GrantKey, String> {
    @Query("select k from GrantKey k order by k.createdAt desc, k.kid")
    List<GrantKey> newestFirst();

    /** Private halves kept by older versions, once one of them has been moved into a key file. */
    @Transactional
    @Modifying
    @Query("update GrantKey k set k.privateKey = null where k.privateKey is not null")
    int forgetPrivateKeys();
}
