package dev.p2pshare.agent.download;

import dev.p2pshare.agent.system.AgentSettings;
import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.tracker.ChunkAvailability;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/** Fetches chunks and bitfields from other peers' chunk servers. */
@Component
public class PeerClient {
    private final OkHttpClient http;
    private final JsonMapper json;
    private final long callTimeoutMillis;

    public PeerClient(OkHttpClient http, JsonMapper json, AgentSettings settings) {
        this.http = http;
        this.json = json;
        // A whole chunk must arrive within this, so a trickling peer cannot hold a chunk for long.
        this.callTimeoutMillis = settings.connectTimeout().plus(settings.readTimeout()).toMillis();
    }

    /** Where a fetch registers its HTTP call, so that another thread can cancel it. */
    interface Cancellation {
        /** Takes the call; false (and the call cancelled) when cancelled already. */
        boolean attach(Call call);

        boolean cancelled();
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
        call.timeout().timeout(callTimeoutMillis, TimeUnit.MILLISECONDS);
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
                    return FetchResult.of(FetchResult.Kind.FAILED, "HTTP " + response.code());
            }
            long declared = response.body().contentLength();
            if (declared >= 0 && declared != length) {
                return FetchResult.of(FetchResult.Kind.BAD, "sent " + declared + " bytes for a " + length + "-byte chunk");
            }
            BufferedSource source = response.body().source();
            into.clear().limit(length);
            while (into.hasRemaining()) {
                if (source.read(into) < 0) {
                    return FetchResult.of(FetchResult.Kind.BAD, "chunk ended after " + into.position() + " bytes");
                }
            }
            if (!source.exhausted()) return FetchResult.of(FetchResult.Kind.BAD, "sent more than the chunk");
            into.flip();
            return FetchResult.OK;
        } catch (IOException e) {
            if (cancellation.cancelled()) return FetchResult.CANCELLED;
            return FetchResult.of(FetchResult.Kind.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The chunks a peer holds now, asked of the peer itself (fresher than the tracker's view). */
    Bitfield held(HttpUrl origin, String sha256, String grant, int chunkCount) throws IOException {
        Call call = http.newCall(new Request.Builder()
                .url(url(origin, sha256, null))
                .header("Authorization", "Bearer " + grant)
                .build());
        call.timeout().timeout(callTimeoutMillis, TimeUnit.MILLISECONDS);
        try (Response response = call.execute()) {
            if (response.code() != 200) throw new IOException("HTTP " + response.code());
            ChunkAvailability held = json.readValue(response.body().string(), ChunkAvailability.class);
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
