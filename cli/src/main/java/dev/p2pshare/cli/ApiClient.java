package dev.p2pshare.cli;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * JSON calls to one service, the tracker or the local agent, turning every failure into a one-line
 * {@link CliFailure}. With several addresses (trackers) it fails over to the next on a connection
 * error or a 5xx answer; a POST, which is not safe to repeat, only while it cannot have taken effect
 * (no connection, or 502/503 from a proxy that did not pass it on).
 */
final class ApiClient {
    private final String service;
    private final List<String> bases;
    private final String bearer;
    private final Function<HttpApi.Answer, CliFailure> unauthorized;
    private final String unreachableHint;
    private final List<String> trackersBehind;
    private final HttpApi http;
    private final Json json;

    /**
     * @param service          "tracker" or "agent", for messages
     * @param bases            base URLs without a trailing slash, tried in order
     * @param bearer          token for the Authorization header, or null
     * @param unauthorized    what a 401 means to the user (null: the answer's detail, exit 1)
     * @param unreachableHint appended to the message when no address answers (null: none)
     * @param trackersBehind  for the agent: the trackers it talks to, named when it answers 503 because it cannot
     *                        reach them (null for the tracker itself)
     */
    ApiClient(String service, List<String> bases, String bearer, Function<HttpApi.Answer, CliFailure> unauthorized,
              String unreachableHint, List<String> trackersBehind, HttpApi http, Json json) {
        if (bases.isEmpty()) throw new IllegalArgumentException("no " + service + " address");
        this.service = service;
        this.bases = List.copyOf(bases);
        this.bearer = bearer;
        this.unauthorized = unauthorized;
        this.unreachableHint = unreachableHint;
        this.trackersBehind = trackersBehind;
        this.http = http;
        this.json = json;
    }

    <T> T get(String path, Class<T> type) {
        return json.read(call("GET", path, null, HttpApi.REQUEST_TIMEOUT), type, service);
    }

    <T> List<T> getList(String path, Class<T> elementType) {
        return json.readList(call("GET", path, null, HttpApi.REQUEST_TIMEOUT), elementType, service);
    }

    <T> T post(String path, Object body, Class<T> type) {
        return post(path, body, type, HttpApi.REQUEST_TIMEOUT);
    }

    <T> T post(String path, Object body, Class<T> type, Duration timeout) {
        return json.read(call("POST", path, body, timeout), type, service);
    }

    /** A DELETE that answers what it removed. */
    <T> T delete(String path, Class<T> type) {
        return send("DELETE", path, null, type);
    }

    <T> T put(String path, Object body, Class<T> type) {
        return send("PUT", path, body, type);
    }

    <T> T send(String method, String path, Object body, Class<T> type) {
        return json.read(call(method, path, body, HttpApi.REQUEST_TIMEOUT), type, service);
    }

    /** A call whose answer has no body worth reading (204). */
    void send(String method, String path) {
        call(method, path, null, HttpApi.REQUEST_TIMEOUT);
    }

    /**
     * The body of the first 2xx answer; a 4xx is refused at once, a connection error or 5xx tries the next
     * address (for a POST only when the request cannot have been carried out, see the class comment).
     */
    String call(String method, String path, Object body, Duration timeout) {
        String jsonBody = body == null ? null : json.write(body);
        boolean repeatable = !"POST".equals(method);
        List<String> failures = new ArrayList<>();
        boolean anyAnswer = false;
        for (int i = 0; i < bases.size(); i++) {
            String base = bases.get(i);
            boolean nextIsHarmless = repeatable || i == bases.size() - 1; // or nothing is left to try
            HttpApi.Answer answer;
            try {
                answer = http.send(method, URI.create(base + path), bearer, jsonBody, timeout);
            } catch (IOException e) {
                failures.add(base + " (" + HttpApi.describe(e) + ")");
                if (nextIsHarmless || neverSent(e)) continue;
                throw notRepeated(failures);
            }
            if (answer.status() == 503 && trackersBehind != null) {
                throw trackerUnreachable(trackersBehind, agentReason(detail(answer)));
            }
            if (answer.status() >= 500) {
                failures.add(base + " (" + answer.status() + ": " + detail(answer) + ")");
                anyAnswer = true;
                if (nextIsHarmless || answer.status() == 502 || answer.status() == 503) continue;
                throw notRepeated(failures);
            }
            if (answer.status() == 401 && unauthorized != null) throw unauthorized.apply(answer);
            if (answer.status() >= 400) throw new CliFailure(ExitCodes.REFUSED, detail(answer), answer.status());
            return answer.body();
        }
        String message = (anyAnswer && failures.size() == 1 ? "the " + service + " failed at " : "cannot reach the " + service + " at ")
                + String.join(" or ", failures);
        throw CliFailure.unreachable(unreachableHint == null ? message : message + "; " + unreachableHint);
    }

    /** The one wording of "the tracker is down", whether the CLI or the agent found out: exit 3. */
    static CliFailure trackerUnreachable(List<String> trackers, String why) {
        return CliFailure.unreachable("cannot reach the tracker at " + String.join(" or ", trackers) + " (" + why + ")");
    }

    /**
     * Why the agent could not reach the tracker, from its 503 detail ("no tracker reachable (&lt;urls&gt;): &lt;why&gt;"),
     * without the addresses the message names anyway.
     */
    static String agentReason(String detail) {
        int urls = detail.lastIndexOf("): ");
        if (urls < 0) return detail;
        String why = detail.substring(urls + 3);
        int end = why.indexOf("); "); // "could not revoke the session (no tracker reachable (...): why); the agent stops anyway"
        return end >= 0 ? why.substring(0, end) : why;
    }

    /** True when the request never left this machine: no connection or no TLS session was made. */
    private static boolean neverSent(IOException e) {
        return e instanceof ConnectException || e instanceof HttpConnectTimeoutException || e instanceof SSLHandshakeException;
    }

    /** A POST that may have been carried out is not sent to another tracker (it could be done twice). */
    private CliFailure notRepeated(List<String> failures) {
        return CliFailure.unreachable("the " + service + " failed at " + String.join(" or ", failures)
                + "; not sent again elsewhere, as it may have taken effect: check before repeating it");
    }

    /** The problem+json {@code detail}, else its title, else the first line of the body, else the status. */
    private String detail(HttpApi.Answer answer) {
        String detail = json.problemDetail(answer.body());
        if (detail != null) return detail;
        String firstLine = answer.body() == null ? "" : answer.body().strip().lines().findFirst().orElse("");
        if (firstLine.isEmpty()) return service + " answered HTTP " + answer.status();
        return firstLine.length() > 200 ? firstLine.substring(0, 200) + "..." : firstLine;
    }

    /** One path segment, percent-encoded as UTF-8 (file names may hold spaces and any letter). */
    static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
