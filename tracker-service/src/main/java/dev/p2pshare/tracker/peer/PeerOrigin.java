package dev.p2pshare.tracker.peer;

import dev.p2pshare.tracker.system.ApiProblem;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The chunk-server address an agent announces must be an origin: {@code http} or {@code https}, a host and a
 * port (80 or 443 when left out), without user info, path, query or fragment. Downloaders then only ever send
 * {@code <origin>/chunks/...} with their grant, never to a path of the announcer's choosing. Kept normalized
 * (lower-case scheme and host, explicit port, no trailing slash).
 */
final class PeerOrigin {
    static final int MAX_LENGTH = 2048;

    private PeerOrigin() {
    }

    /** The origin {@code url} names; 400 saying what is wrong when it is not just an origin. */
    static String of(String url) {
        if (url == null || url.isBlank()) throw refused("is missing");
        if (url.length() > MAX_LENGTH) throw refused("is longer than " + MAX_LENGTH + " characters");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) throw refused("must start with http:// or https://");
        if (uri.getRawUserInfo() != null) throw refused("must not carry user info (name:password@)");
        if (uri.getHost() == null) throw refused("has no valid host name");
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) throw refused("must not have a path");
        if (uri.getRawQuery() != null) throw refused("must not have a query");
        if (uri.getRawFragment() != null) throw refused("must not have a fragment");
        int port = uri.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
        if (port < 1 || port > 65535) throw refused("has a port out of 1 to 65535");
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static ApiProblem refused(String what) {
        return ApiProblem.badRequest("url " + what + "; announce an origin: http[s]://host[:port]");
    }
}
