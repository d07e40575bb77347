package dev.p2pshare.agent.download;

import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.tracker.ChunkAvailability;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The network side of downloads: the bytes of one chunk, or the chunks a peer holds, asked of another
 * peer's chunk server at {@code <origin>/chunks/<sha256>[/<index>]}. Nothing a peer sends is read beyond
 * what the manifest allows: a chunk body is at most the chunk's length and must come at
 * {@link PeerLimits#minRate()} at least, a bitfield answer at most {@code ceil(chunks / 8)} bytes (in
 * Base64) plus a small envelope; more, slower or a redirect is a peer to drop.
 */
@Component
public class PeerClient {
    /** Time a chunk body gets before the minimum rate applies (a busy peer's first bytes, a cold connection). */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Room for the JSON around a bitfield answer's Base64. */
    private static final int BITFIELD_ENVELOPE = 256;

    private final OkHttpClient http;
    private final JsonMapper json;
    private final long connectNanos;
    private final long minBytesPerSecond;
    private final Duration queryTimeout;

    /** Where a fetch registers its HTTP call, so that another thread can cancel it. */
    interface Cancellation {
        /** Takes the call; false (and the call cancelled) when cancelled already. */
        boolean attach(Call call);

        boolean cancelled();
    }

    /** A peer broke the chunk protocol (an answer too large or too slow, a redirect): not to be asked again. */
    static final class PeerMisbehaved extends IOException {
        PeerMisbehaved(String message) {
            super(message);
        }
    }

    public PeerClient(OkHttpClient http, JsonMapper json, PeerLimits limits) {
        this.http = http;
        this.json = json;
        this.connectNanos = TimeUnit.MILLISECONDS.toNanos(http.connectTimeoutMillis());
        this.minBytesPerSecond = limits.minRate().toBytes();
        this.queryTimeout = limits.queryTimeout();
    }


    /**
     * A peer URL as the tracker lists it, as the origin chunk requests go to; null unless it is a plain
     * origin ({@code http} or {@code https}, host and port; no user info, path, query or fragment).
     */
    static HttpUrl origin(String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
        if (parsed == null) return null;
        boolean plain = parsed.encodedUsername().isEmpty() && parsed.encodedPassword().isEmpty()
                && "/".equals(parsed.encodedPath()) && parsed.encodedQuery() == null && parsed.encodedFragment() == null;
        return plain ? parsed : null;
    }

    /**
     * Reads chunk {@code index} ({@code length} bytes) of file {@code sha256} from the chunk server at
     * {@code origin}, presenting {@code grant}, into {@code into}, flipped for reading on OK.
     */
    FetchResult fetch(HttpUrl origin, String sha256, int index, String grant, int length, ByteBuffer into,
                      Cancellation cancellation) {
        Call call = http.newCall(new Request.Builder()
                .url(url(origin, sha256, String.valueOf(index)))
                .header("Authorization", "Bearer " + grant)
                .build());
        long allowedNanos = GRACE_NANOS + TimeUnit.SECONDS.toNanos(length) / minBytesPerSecond;
        call.timeout().timeout(connectNanos + allowedNanos, TimeUnit.NANOSECONDS);
        if (!cancellation.attach(call)) return FetchResult.CANCELLED;
        try (Response response = call.execute()) {
            switch (response.code()) {
                case 200:
                    break;
                case 401:
                    return FetchResult.of(FetchResult.Kind.UNAUTHORIZED, "grant refused");
                case 404:
                    return FetchResult.of(FetchResult.Kind.MISSING, "chunk not held");
                case 503:
                    return new FetchResult(FetchResult.Kind.BUSY, "busy", retryAfterMillis(response));
                default:
                    if (response.isRedirect()) {
                        return misbehaved("answered a chunk request with a redirect (HTTP " + response.code() + ")");
                    }
                    return FetchResult.of(FetchResult.Kind.FAILED, "HTTP " + response.code());
            }
            long declared = response.body().contentLength();
            if (declared >= 0 && declared != length) {
                return misbehaved("announced " + declared + " bytes for a " + length + "-byte chunk");
            }
            return readBody(response.body().source(), length, into, System.nanoTime() + allowedNanos, cancellation);
        } catch (IOException e) {
            if (cancellation.cancelled()) return FetchResult.CANCELLED;
            return FetchResult.of(FetchResult.Kind.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Reads exactly {@code length} bytes before {@code deadline}; a longer or slower body is misbehaviour. */
    private FetchResult readBody(BufferedSource source, int length, ByteBuffer into, long deadline,
                                 Cancellation cancellation) {
        into.clear().limit(length);
        try {
            while (into.hasRemaining()) {
                if (source.read(into) < 0) {
                    return FetchResult.of(FetchResult.Kind.BAD, "chunk ended after " + into.position() + " bytes");
                }
                if (System.nanoTime() - deadline > 0) return tooSlow(into.position(), length);
            }
            if (!source.exhausted()) return misbehaved("sent more than the " + length + "-byte chunk");
        } catch (InterruptedIOException e) {
            if (cancellation.cancelled()) return FetchResult.CANCELLED;
            if (System.nanoTime() - deadline >= 0) return tooSlow(into.position(), length);
            return FetchResult.of(FetchResult.Kind.FAILED, "stalled: " + e.getMessage());
        } catch (IOException e) {
            if (cancellation.cancelled()) return FetchResult.CANCELLED;
            return FetchResult.of(FetchResult.Kind.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        into.flip();
        return FetchResult.OK;
    }

    private FetchResult tooSlow(int received, int length) {
        return misbehaved("sent " + received + " of " + length + " bytes of a chunk slower than the minimum "
                + minBytesPerSecond + " bytes/s");
    }

    private static FetchResult misbehaved(String why) {
        return FetchResult.of(FetchResult.Kind.MISBEHAVED, why);
    }

    /**
     * The chunks a peer holds now, asked of the peer itself (fresher than the tracker's view), answered
     * within the query timeout or failed; fails with {@link PeerMisbehaved} for an oversized answer or a redirect.
     */
    CompletableFuture<Bitfield> held(HttpUrl origin, String sha256, String grant, int chunkCount) {
        Call call = http.newCall(new Request.Builder()
                .url(url(origin, sha256, null))
                .header("Authorization", "Bearer " + grant)
                .build());
        call.timeout().timeout(queryTimeout.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<Bitfield> answer = new CompletableFuture<>();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                answer.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call done, Response response) {
                try (response) {
                    answer.complete(bitfield(response, chunkCount));
                } catch (IOException | RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            }
        });
        return answer;
    }

    private Bitfield bitfield(Response response, int chunkCount) throws IOException {
        if (response.isRedirect()) {
            throw new PeerMisbehaved("answered the bitfield query with a redirect (HTTP " + response.code() + ")");
        }
        if (response.code() != 200) throw new IOException("HTTP " + response.code());
        long max = 4L * ((Bitfield.byteLength(chunkCount) + 2) / 3) + BITFIELD_ENVELOPE;
        ResponseBody body = response.body();
        BufferedSource source = body.source();
        if (body.contentLength() > max || source.request(max + 1)) {
            throw new PeerMisbehaved("sent a bitfield answer of more than " + max + " bytes for " + chunkCount + " chunks");
        }
        try {
            ChunkAvailability held = json.readValue(source.getBuffer().readUtf8(), ChunkAvailability.class);
            return Bitfield.fromBase64(held.chunks(), chunkCount);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new IOException("unreadable bitfield: " + e.getMessage(), e);
        }
    }

    private static HttpUrl url(HttpUrl origin, String sha256, String index) {
        HttpUrl.Builder url = origin.newBuilder().addPathSegment("chunks").addPathSegment(sha256);
        if (index != null) url.addPathSegment(index);
        return url.build();
    }

    private static long retryAfterMillis(Response response) {
        try {
            return Math.min(30_000, Math.max(100, Long.parseLong(response.header("Retry-After", "1").strip()) * 1000));
        } catch (NumberFormatException e) {
            return 1000;
        }
    }
}
