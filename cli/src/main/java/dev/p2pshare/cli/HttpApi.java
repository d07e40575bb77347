package dev.p2pshare.cli;

import dev.p2pshare.shared.TrustedCertificates;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;

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
     * @param tls whether any address is https. Without it the client gets a stand-in TLS context: the
     *            JDK's default one loads the security providers and the trust store, a good part of a
     *            short command's start-up, and a plain-http client never uses it.
     */
    HttpApi(boolean tls) {
        this(tls, null);
    }

    /**
     * @param trustCertificate a PEM file (CA or certificate) that https servers may present, trusted on top of
     *                         the platform's CAs (--trust-cert, $P2P_TRUST_CERT); null for the platform's alone
     */
    HttpApi(boolean tls, Path trustCertificate) {
        this.tls = tls;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (!tls) builder.sslContext(new NoTls()).sslParameters(new SSLParameters());
        else if (trustCertificate != null) builder.sslContext(trusting(trustCertificate));
        this.client = builder.build();
    }

    private static SSLContext trusting(Path pemFile) {
        try {
            return TrustedCertificates.sslContext(TrustedCertificates.trustManager(pemFile));
        } catch (NoSuchFileException e) {
            throw CliFailure.refused("cannot use the certificate to trust " + pemFile + ": no such file");
        } catch (IOException | GeneralSecurityException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw CliFailure.refused("cannot use the certificate to trust " + pemFile + ": " + why);
        }
    }

    boolean tls() {
        return tls;
    }

    static boolean needsTls(List<String> urls) {
        return urls.stream().anyMatch(url -> url.regionMatches(true, 0, "https:", 0, 6));
    }

    /** The TLS context of a client that only ever speaks plain http: it has no implementation at all. */
    private static final class NoTls extends SSLContext {
        NoTls() {
            super(null, null, "none");
        }
    }

    /**
     * A status and a body; the body is read fully, so the connection is always released. {@code challenged}: a
     * WWW-Authenticate header came with it (the agent sends one only when the control secret is wrong).
     */
    record Answer(int status, String body, boolean challenged) {
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
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("WWW-Authenticate").isPresent());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (IllegalArgumentException e) {
            throw new IOException("bad address " + uri, e);
        }
    }

    /**
     * Stops the client's selector thread. The JVM's exit waits up to 300 ms for threads that sit in
     * native code, as that thread does in epoll_wait, which would double the time of a short command.
     * JDK 21+ clients close themselves; on 17 the thread ends when interrupted.
     */
    void close() {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // exiting anyway
            }
            return;
        }
        Thread[] threads = new Thread[Thread.activeCount() + 8];
        int count = Thread.enumerate(threads);
        for (int i = 0; i < count; i++) {
            Thread thread = threads[i];
            if (thread.getName().startsWith("HttpClient-") && thread.getName().endsWith("-SelectorManager")) {
                thread.interrupt();
                try {
                    thread.join(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Why a call did not get an answer, in a few words. */
    static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) return "connect timed out";
        if (e instanceof HttpTimeoutException) return "no answer in time";
        if (e instanceof ConnectException) return "connection refused";
        if (e instanceof SSLHandshakeException) {
            String cause = String.valueOf(e.getMessage());
            return cause.contains("PKIX") || cause.contains("certification path")
                    ? "its TLS certificate is not trusted; pass --trust-cert <pem> or set " + P2pCommand.TRUST_CERT_ENV
                    : "TLS handshake failed: " + cause.lines().findFirst().orElse(cause);
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = e.getCause();
            message = cause == null || cause.getMessage() == null ? e.getClass().getSimpleName() : cause.getMessage();
        }
        return message.lines().findFirst().orElse(message);
    }
}
