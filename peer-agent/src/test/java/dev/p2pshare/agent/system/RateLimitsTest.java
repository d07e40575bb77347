package dev.p2pshare.agent.system;

import dev.p2pshare.shared.control.TransferLimits;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which transfers a limit applies to; the rates themselves are measured between real agents. */
class RateLimitsTest {
    private static RateLimits limits(String down, String up, boolean limitLocalPeers) {
        return new RateLimits(new AgentSettings(Path.of("home"), "127.0.0.1", 0, "", Duration.ofSeconds(30), 4, 32,
                Duration.ofSeconds(5), Duration.ofSeconds(30), up, Duration.ofSeconds(10), Duration.ofSeconds(2),
                Duration.ofSeconds(30), null, down, limitLocalPeers));
    }

    @Test
    void anUnlimitedTransferHasNoThrottleAndNoBucket() {
        RateLimits limits = limits("0", "0", true);
        RateLimit own = new RateLimit(0);

        assertThat(own.bucket()).isNull();
        assertThat(limits.forDownload(own, "203.0.113.9")).isNull();
        assertThat(limits.forUpload("203.0.113.9")).isNull();
    }

    @Test
    void aLimitSetWhileRunningAppliesAndRemovingItLeavesNoThrottle() {
        RateLimits limits = limits("0", "0", true);
        RateLimit own = new RateLimit(0);

        limits.change(new TransferLimits(20_000_000L, 5_000_000L, null));
        assertThat(limits.forDownload(own, "203.0.113.9")).isNotNull();
        assertThat(limits.forUpload("203.0.113.9")).isNotNull();
        assertThat(limits.current()).isEqualTo(new TransferLimits(20_000_000L, 5_000_000L, true));

        limits.change(new TransferLimits(0L, null, null));
        assertThat(limits.forDownload(own, "203.0.113.9")).isNull();
        assertThat(limits.forUpload("203.0.113.9")).as("unchanged").isNotNull();

        own.set(1_000_000);
        assertThat(limits.forDownload(own, "203.0.113.9")).as("the download's own limit alone").isNotNull();
        own.set(0);
        assertThat(own.bucket()).isNull();
    }

    @Test
    void settingsReadMegabytesAsPowersOfTen() {
        assertThat(limits("20MB", "1.5MiB", true).current())
                .isEqualTo(new TransferLimits(20_000_000L, 1_572_864L, true));
        assertThatThrownBy(() -> limits("fast", "0", true)).hasMessageContaining("p2p.agent.max-download-rate");
    }

    @Test
    void aNegativeRateChangesNothing() {
        RateLimits limits = limits("1MB", "0", true);
        assertThatThrownBy(() -> limits.change(new TransferLimits(5L, -1L, null))).isInstanceOf(IllegalArgumentException.class);
        assertThat(limits.current().maxDownloadRate()).isEqualTo(1_000_000L);
    }

    @Test
    void localPeersGoUnlimitedOnlyWhenAskedTo() {
        RateLimits limited = limits("1MB", "1MB", true);
        RateLimits exempt = limits("1MB", "1MB", false);
        RateLimit own = new RateLimit(0);

        for (String local : new String[]{"127.0.0.1", "::1", "10.1.2.3", "172.16.0.9", "192.168.1.20", "169.254.3.4",
                "fe80::1", "fd12:3456::1"}) {
            assertThat(limited.forDownload(own, local)).as(local).isNotNull();
            assertThat(exempt.forDownload(own, local)).as(local).isNull();
            assertThat(exempt.forUpload(local)).as(local).isNull();
        }
        for (String remote : new String[]{"203.0.113.9", "8.8.8.8", "2001:db8::1", "172.32.0.1"}) {
            assertThat(exempt.forDownload(own, remote)).as(remote).isNotNull();
            assertThat(exempt.forUpload(remote)).as(remote).isNotNull();
        }
    }
}
