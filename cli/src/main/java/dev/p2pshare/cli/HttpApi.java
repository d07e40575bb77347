package dev.p2pshare.cli;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The CLI's one HTTP client (the JDK's), configured once: HTTP/1.1, a connect timeout, no redirects,
 * and a timeout on every request.
 */
final class HttpApi {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** For calls that answer at once; the few long ones (sharing a big file) pass their own. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final boolean tls;
    private final HttpClient client;

    /**
     * @param tls whether any address is https. Without it the client gets a TLS context that trusts
     *            nothing instead of the JDK's default one, whose trust store takes a noticeable part of
     *            a short command's start-up to load.
     */
    HttpApi(boolean tls) {
        this.tls = tls;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (!tls) builder.sslContext(trustingNothing());
        this.client = builder.build();
    }

    boolean tls() {
        return tls;
    }

    static boolean needsTls(List<String> urls) {
        return urls.stream().anyMatch(url -> url.regionMatches(true, 0, "https:", 0, 6));
    }

    private static SSLContext trustingNothing() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[0], new TrustManager[0], null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has TLS", e);
        }
    }

    /** A status and a body; the body is read fully, so the connection is always released. */
    record Answer(int status, String body) {
    }

    /** Sends {@code jsonBody} (null for none) with an optional bearer token; IOException means unreachable. */
    Answer send(String method, URI uri, String bearer, String jsonBody, Duration timeout) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json, application/problem+json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (IllegalArgumentException e) {
            throw new IOException("bad address " + uri, e);
        }
    }

    /** Why a call did not get an answer, in a few words. */
    static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) return "connect timed out";
        if (e instanceof HttpTimeoutException) return "no answer in time";
        if (e instanceof ConnectException) return "connection refused";
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = e.getCause();
            message = cause == null || cause.getMessage() == null ? e.getClass().getSimpleName() : cause.getMessage();
        }
        return message.lines().findFirst().orElse(message);
    }
}
