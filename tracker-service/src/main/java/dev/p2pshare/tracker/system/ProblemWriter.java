package dev.p2pshare.tracker.system;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a problem+json answer straight to the servlet response, for failures that happen outside
 * Spring MVC (the body size filter, authentication, the servlet container's error dispatch).
 */
@Component
public class ProblemWriter {
    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, String path, HttpStatus status, String detail) throws IOException {
        if (response.isCommitted()) return;
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body(path, status, detail));
    }

    /** The same fields Spring's ProblemDetail has: type, title, status, detail, instance. */
    static Map<String, Object> body(String path, HttpStatus status, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        if (path != null) body.put("instance", path);
        return body;
    }
}
