package dev.p2pshare.tracker.session;

import dev.p2pshare.tracker.system.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;

/** One failed login for a user name (which need not exist) from one client address. */
@Entity
@Table(name = "login_failures")
public class LoginFailure extends BaseEntity {
    @Column(nullable = false, length = 64)
    private String username;

    @Column(nullable = false, length = 64)
    private String address;

    @Column(name = "failed_at", nullable = false)
    private Instant failedAt;

    protected LoginFailure() {
    }

    public LoginFailure(String username, String address, Instant failedAt) {
        this.username = username;
        this.address = address;
        this.failedAt = failedAt;
    }
}
