package dev.p2pshare.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.ChunkAvailability;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chunk server as a hostile group member would run it, claiming every chunk of a file: it lies (random
 * bytes of the right length), floods (an endless answer), trickles (a byte at a time) or redirects, for
 * the bitfield query and for chunks alike (a run of chunks, asked with {@code ?count=n}, as one body of that many).
 * It notes every request that is not {@code /chunks/<sha>[/<i>[?count=<n>]]}.
 */
public final class EvilPeer implements AutoCloseable {
    private static final Pattern CHUNK_PATH = Pattern.compile("/chunks/[0-9a-f]{64}(/[0-9]+)?");
    private static final Pattern COUNT = Pattern.compile("count=([0-9]{1,2})");
    /** However the downloader behaves, a flood or trickle ends after this long (tests stay bounded). */
    private static final long MAX_ANSWER_NANOS = TimeUnit.SECONDS.toNanos(60);

    public enum Mode { LIAR, FLOOD, TRICKLE, REDIRECT }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final Manifest manifest;
    private final Mode mode;
    private final AtomicInteger chunksServed = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> strayRequests = new CopyOnWriteArrayList<>();

    public EvilPeer(Manifest manifest, Mode mode) throws IOException {
        this.manifest = manifest;
        this.mode = mode;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Chunks answered (with whatever bytes). */
    public int chunksServed() {
        return chunksServed.get();
    }

    public int requests() {
        return requests.get();
    }

    /** Requests for anything but a file's bitfield or one of its chunks. */
    public List<String> strayRequests() {
        return strayRequests;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            Matcher count = COUNT.matcher(query == null ? "count=1" : query);
            if (!CHUNK_PATH.matcher(path).matches() || !count.matches()) strayRequests.add(exchange.getRequestURI().toString());
            String[] parts = path.split("/");
            boolean chunk = parts.length == 4;
            if (chunk) chunksServed.incrementAndGet();
            byte[] body = chunk ? randomChunks(Integer.parseInt(parts[3]), count.matches() ? Integer.parseInt(count.group(1)) : 1)
                    : TrackerApi.JSON.writeValueAsBytes(new ChunkAvailability(manifest.sha256(),
                    Bitfield.full(manifest.chunkCount()).toBase64()));
            switch (mode) {
                case LIAR -> {
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
                case FLOOD -> flood(exchange);
                case TRICKLE -> trickle(exchange, body);
                case REDIRECT -> {
                    exchange.getResponseHeaders().add("Location", "http://127.0.0.1:9/elsewhere" + path);
                    exchange.getResponseHeaders().add("Connection", "close");
                    exchange.sendResponseHeaders(302, -1);
                }
            }
        } catch (IOException | InterruptedException e) {
            // the downloader hung up (as it should), or the test is over
        }
    }

    private byte[] randomChunks(int first, int count) {
        int length = 0;
        for (int i = first; i < Math.min(first + count, manifest.chunkCount()); i++) length += manifest.chunkLength(i);
        byte[] bytes = new byte[length];
        new Random().nextBytes(bytes);
        return bytes;
    }

    /** Bytes without end (no length announced), until the downloader hangs up. */
    private static void flood(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        byte[] block = new byte[64 * 1024];
        OutputStream out = exchange.getResponseBody();
        long started = System.nanoTime();
        while (System.nanoTime() - started < MAX_ANSWER_NANOS) out.write(block);
    }

    /** The right answer at 10 bytes a second. */
    private static void trickle(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        long started = System.nanoTime();
        for (int i = 0; i < body.length && System.nanoTime() - started < MAX_ANSWER_NANOS; i++) {
            out.write(body[i]);
            out.flush();
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
