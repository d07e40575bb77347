package dev.p2pshare.tracker.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code auth-requests-per-minute} registrations and logins per client address (a token bucket
 * of that size, refilled evenly over the minute), so one address cannot hold every password hash slot.
 * Per instance, in memory: it rations this instance's CPU. The least recently seen addresses are
 * forgotten past {@link #MAX_ADDRESSES}, so spraying addresses costs bounded memory.
 */
@Component
public class AddressRateLimit {
    private static final long MAX_ADDRESSES = 100_000;

    private final int perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(MAX_ADDRESSES).expireAfterAccess(Duration.ofMinutes(2)).build();

    public AddressRateLimit(TrackerProperties properties) {
        this.perMinute = properties.authRequestsPerMinute();
    }

    /** Takes one token of the caller's address; 429 with Retry-After when there is none. */
    public void admit(HttpServletRequest request) {
        String address = ClientAddress.of(request);
        Bucket bucket = buckets.get(address, a -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1))).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) return;
        long wait = TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1;
        throw ApiProblem.tooManyRequests("too many logins and registrations from " + address
                + "; try again in " + wait + " s", wait);
    }
}
