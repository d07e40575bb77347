package dev.p2pshare.agent.control;

import dev.p2pshare.agent.system.AgentHome;
import dev.p2pshare.agent.system.Problems;
import dev.p2pshare.shared.control.SessionFiles;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Keeps the two listeners apart: the chunk listener answers only {@code /chunks/**}; the control
 * listener answers only {@code /control/**} and {@code /actuator/**}, only to loopback callers, and
 * only with the secret from agent.secret ({@code /actuator/health} excepted).
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
        chain.doFilter(request, response);
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
