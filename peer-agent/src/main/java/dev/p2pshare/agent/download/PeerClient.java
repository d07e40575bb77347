package dev.p2pshare.agent.download;

import dev.p2pshare.agent.system.RateLimit;
import dev.p2pshare.agent.system.Throttle;
import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;
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
 * The network side of downloads: the bytes of a run of neighbouring chunks, or the chunks a peer holds,
 * asked of another peer's chunk server at {@code <origin>/chunks/<sha256>[/<index>[?count=<n>]]}. Nothing a
 * peer sends is read beyond what the manifest allows: a chunk body is at most the run's length and must come
 * at {@link PeerLimits#minRate()} at least, a bitfield answer at most {@code ceil(chunks / 8)} bytes (in
 * Base64) plus a small envelope; more, slower or a redirect is a peer to drop. A chunk under a rate
 * limit is read slice by slice through its {@link Throttle}; time spent waiting on our own limit is not
 * held against the peer.
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
     * Asks the chunk server at {@code origin} for chunks {@code first} to {@code first + count - 1} of the
     * file {@code manifest} describes, presenting {@code grant}, in one request. The answer is read chunk by
     * chunk with {@link ChunkRun#next}; the server may answer fewer chunks than asked (the first ones; an
     * older agent answers one), never more. Close the run when done with it.
     */
    ChunkRun fetch(HttpUrl origin, Manifest manifest, int first, int count, String grant, Cancellation cancellation,
                   Throttle throttle) {
        long total = 0;
        for (int i = first; i < first + count; i++) total += manifest.chunkLength(i);
        HttpUrl.Builder url = url(origin, manifest.sha256(), String.valueOf(first)).newBuilder();
        if (count > 1) url.addQueryParameter("count", String.valueOf(count));
        Call call = http.newCall(new Request.Builder()
                .url(url.build())
                .header("Authorization", "Bearer " + grant)
                .build());
        long allowedNanos = GRACE_NANOS + TimeUnit.SECONDS.toNanos(total) / minBytesPerSecond;
        // A throttled read may wait on our limit for longer than the peer is allowed: its deadline moves
        // on by those waits, and the client's read timeout still catches a peer that sends nothing.
        call.timeout().timeout(throttle == null ? connectNanos + allowedNanos : 0, TimeUnit.NANOSECONDS);
        ChunkRun run = new ChunkRun(manifest, first, cancellation, throttle, System.nanoTime() + allowedNanos);
        if (!cancellation.attach(call)) return run.ended(FetchResult.CANCELLED);
        try {
            run.response = call.execute();
            return run.answered(count);
        } catch (IOException e) {
            return run.ended(cancellation.cancelled() ? FetchResult.CANCELLED
                    : FetchResult.of(FetchResult.Kind.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /**
     * One answer to a request for a run of chunks: {@link #status()} says whether it carries chunks (OK) or
     * why not; {@link #next} reads them one at a time. Nothing past what was asked is read: a body longer
     * than the chunks asked for, an announced length that is no whole number of them, or bytes slower
     * than the minimum rate are misbehaviour.
     */
    final class ChunkRun implements AutoCloseable {
        private final Manifest manifest;
        private final int first;
        private final Cancellation cancellation;
        private final Throttle throttle;
        private long deadline;
        private Response response;
        private FetchResult status = FetchResult.OK;
        private int chunks;
        private int read;

        private ChunkRun(Manifest manifest, int first, Cancellation cancellation, Throttle throttle, long deadline) {
            this.manifest = manifest;
            this.first = first;
            this.cancellation = cancellation;
            this.throttle = throttle;
            this.deadline = deadline;
        }

        /** OK while the answer holds chunks still to read or read them all; else why it does not. */
        FetchResult status() {
            return status;
        }

        /** How many chunks the answer holds (from {@code first} on): at least 1 when OK. */
        int chunks() {
            return chunks;
        }

        /** True while chunks of the answer are still to be read. */
        boolean hasNext() {
            return status.kind() == FetchResult.Kind.OK && read < chunks;
        }

        /** The index of the chunk {@link #next} reads. */
        int nextIndex() {
            return first + read;
        }

        /**
         * Reads the next chunk into {@code into} (flipped for reading on OK); after the last one, checks that
         * nothing follows. Anything but OK ends the run.
         */
        FetchResult next(ByteBuffer into) {
            int length = manifest.chunkLength(first + read);
            FetchResult result = readChunk(response.body().source(), length, into);
            if (result.kind() == FetchResult.Kind.OK && ++read == chunks) result = checkEnd();
            if (result.kind() != FetchResult.Kind.OK) status = result;
            return result;
        }

        private ChunkRun ended(FetchResult why) {
            status = why;
            return this;
        }

        private ChunkRun answered(int asked) {
            switch (response.code()) {
                case 200:
                    break;
                case 401:
                    return ended(FetchResult.of(FetchResult.Kind.UNAUTHORIZED, "grant refused"));
                case 404:
                    return ended(FetchResult.of(FetchResult.Kind.MISSING, "chunk not held"));
                case 503:
                    return ended(new FetchResult(FetchResult.Kind.BUSY, "busy", retryAfterMillis(response)));
                default:
                    if (response.isRedirect()) {
                        return ended(misbehaved("answered a chunk request with a redirect (HTTP " + response.code() + ")"));
                    }
                    return ended(FetchResult.of(FetchResult.Kind.FAILED, "HTTP " + response.code()));
            }
            long declared = response.body().contentLength();
            chunks = asked;
            if (declared < 0) return this;
            long sum = 0;
            for (int n = 1; n <= asked; n++) {
                sum += manifest.chunkLength(first + n - 1);
                if (sum == declared) {
                    chunks = n;
                    return this;
                }
            }
            return ended(misbehaved("announced " + declared + " bytes for " + describe(asked)));
        }

        private String describe(int count) {
            return count == 1 ? "the " + manifest.chunkLength(first) + "-byte chunk " + first
                    : "chunks " + first + " to " + (first + count - 1);
        }

        private FetchResult checkEnd() {
            try {
                if (response.body().source().exhausted()) return FetchResult.OK;
                return misbehaved("sent more than " + describe(chunks));
            } catch (IOException e) {
                return failed(e);
            }
        }

        /**
         * Reads exactly {@code length} bytes before the deadline (moved on by the time the throttle, if any,
         * made us wait); a slower body is misbehaviour.
         */
        private FetchResult readChunk(BufferedSource source, int length, ByteBuffer into) {
            into.clear().limit(throttle == null ? length : Math.min(length, RateLimit.SLICE));
            try {
                while (into.hasRemaining()) {
                    int n = source.read(into);
                    if (n < 0) {
                        return FetchResult.of(FetchResult.Kind.BAD, "chunk ended after " + into.position() + " bytes");
                    }
                    if (System.nanoTime() - deadline > 0) return tooSlow(into.position(), length);
                    if (throttle != null) {
                        deadline += throttle.take(n, cancellation::cancelled);
                        into.limit(Math.min(length, into.position() + RateLimit.SLICE));
                    }
                }
            } catch (InterruptedException e) {
                return FetchResult.CANCELLED;
            } catch (InterruptedIOException e) {
                if (cancellation.cancelled()) return FetchResult.CANCELLED;
                if (System.nanoTime() - deadline >= 0) return tooSlow(into.position(), length);
                return FetchResult.of(FetchResult.Kind.FAILED, "stalled: " + e.getMessage());
            } catch (IOException e) {
                return failed(e);
            }
            into.flip();
            return FetchResult.OK;
        }

        private FetchResult failed(IOException e) {
            if (cancellation.cancelled()) return FetchResult.CANCELLED;
            return FetchResult.of(FetchResult.Kind.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }

        @Override
        public void close() {
            if (response != null) response.close();
        }
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
