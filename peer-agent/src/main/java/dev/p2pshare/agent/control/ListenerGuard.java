package dev.p2pshare.agent.control;

import dev.p2pshare.agent.system.AgentHome;
import dev.p2pshare.agent.system.Problems;
import dev.p2pshare.shared.control.SessionFiles;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;

/**
 * Keeps the two listeners apart: the chunk listener answers only {@code /chunks/**}; the control
 * listener answers only {@code /control/**} and {@code /actuator/**}, only to loopback callers, and
 * only with the secret from agent.secret ({@code /actuator/health} excepted). Before any handler sees a
 * request, input Spring MVC or Tomcat would only fail on deep inside (an undecodable query, a wildcard
 * Content-Type) is refused here as a problem+json 4xx.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ListenerGuard extends OncePerRequestFilter {
    private final ControlListener controlListener;
    private final byte[] expectedAuthorization;
    private final JsonMapper json;

    public ListenerGuard(ControlListener controlListener, AgentHome home, JsonMapper json) {
        this.controlListener = controlListener;
        this.expectedAuthorization = (SessionFiles.SECRET_SCHEME + home.secret()).getBytes(StandardCharsets.US_ASCII);
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (controlListener.received(request)) {
            if (!isLoopback(request.getRemoteAddr())) {
                Problems.write(response, json, HttpStatus.FORBIDDEN, "the control API answers only on loopback");
                return;
            }
            boolean control = under(path, "/control") || under(path, "/actuator");
            if (!control) {
                Problems.write(response, json, HttpStatus.NOT_FOUND, "no such control resource");
                return;
            }
            if (!path.equals("/actuator/health") && !authorized(request)) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                Problems.write(response, json, HttpStatus.UNAUTHORIZED,
                        "the control API needs Authorization: Bearer <contents of " + SessionFiles.SECRET + ">");
                return;
            }
        } else if (!under(path, "/chunks")) {
            Problems.write(response, json, HttpStatus.NOT_FOUND, "this listener serves only /chunks");
            return;
        }
        if (!readableParameters(request)) {
            Problems.write(response, json, HttpStatus.BAD_REQUEST, "malformed query or form parameters");
            return;
        }
        if (!usableContentType(request.getContentType())) {
            Problems.write(response, json, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unreadable Content-Type; the agent reads application/json");
            return;
        }
        chain.doFilter(withoutUnreadableAccept(request), response);
    }

    /**
     * Whether the query (and a form body) decode. Tomcat parses them on first use and throws when they
     * do not, wherever that happens (actuator endpoints read them); here they are parsed once, up front.
     */
    private static boolean readableParameters(HttpServletRequest request) {
        boolean form = request.getContentType() != null
                && request.getContentType().toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
        if (request.getQueryString() == null && !form) return true;
        try {
            request.getParameterMap();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** No Content-Type, or one that names a type (a wildcard, or one that does not parse, fails deep inside Spring MVC). */
    private static boolean usableContentType(String contentType) {
        if (contentType == null) return true;
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /**
     * An Accept header that does not parse counts as absent: Spring could not choose a type for any
     * answer, so even the error saying so would go out without a body.
     */
    private static HttpServletRequest withoutUnreadableAccept(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null) return request;
        try {
            MediaType.parseMediaTypes(accept);
            return request;
        } catch (InvalidMediaTypeException e) {
            return new HttpServletRequestWrapper(request) {
                @Override
                public String getHeader(String name) {
                    return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? null : super.getHeader(name);
                }

                @Override
                public Enumeration<String> getHeaders(String name) {
                    return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
                }
            };
        }
    }

    private boolean authorized(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null
                && MessageDigest.isEqual(header.getBytes(StandardCharsets.US_ASCII), expectedAuthorization);
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static boolean isLoopback(String address) {
        try {
            // A literal address from the socket: no name lookup happens.
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
