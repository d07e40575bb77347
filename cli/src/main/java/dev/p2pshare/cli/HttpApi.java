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
import java.time.Duration;

/**
 * The CLI's one HTTP client (the JDK's), configured once: HTTP/1.1, a connect timeout, no redirects,
 * and a timeout on every request.
 */
final class HttpApi {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** For calls that answer at once; the few long ones (sharing a big file) pass their own. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

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
