package dev.p2pshare.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.p2pshare.shared.Bitfield;
import dev.p2pshare.shared.Manifest;
import dev.p2pshare.shared.tracker.ChunkAvailability;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A peer that claims to hold a whole file and answers every chunk request with random bytes of the
 * right length: what a broken or malicious group member looks like to a downloader.
 */
public final class HostilePeer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Manifest manifest;
    private final AtomicInteger chunksServed = new AtomicInteger();

    public HostilePeer(Manifest manifest) throws IOException {
        this.manifest = manifest;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/chunks/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int chunksServed() {
        return chunksServed.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        byte[] body;
        if (parts.length == 3) {
            body = TrackerApi.JSON.writeValueAsBytes(new ChunkAvailability(manifest.sha256(),
                    Bitfield.full(manifest.chunkCount()).toBase64()));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        } else {
            body = new byte[manifest.chunkLength(Integer.parseInt(parts[3]))];
            new Random().nextBytes(body);
            chunksServed.incrementAndGet();
        }
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
