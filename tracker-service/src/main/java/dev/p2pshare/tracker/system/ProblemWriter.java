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
 * The one writer of problem+json answers outside Spring MVC's own (ProblemAdvice): the body size filter,
 * authentication and access failures, the firewall, the servlet container's error dispatch and Tomcat's
 * last-resort error valve all answer through it, with the fields Spring's ProblemDetail has.
 */
@Component
public class ProblemWriter {
    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, String path, HttpStatus status, String detail) throws IOException {
        write(response, path, status.value(), detail);
    }

    /** A problem for a bare status code, when all that is known is that the request was refused or failed. */
    public void write(HttpServletResponse response, String path, int status) throws IOException {
        write(response, path, status, detailOf(status));
    }

    private void write(HttpServletResponse response, String path, int status, String detail) throws IOException {
        if (response.isCommitted()) return;
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body(path, status, detail));
    }

    /**
     * The JSON text of {@link #write(HttpServletResponse, String, int)}, for Tomcat's error valve: Tomcat makes
     * that valve itself, outside Spring, so it cannot be handed this bean.
     */
    static String json(int status) {
        return JsonMapper.shared().writeValueAsString(body(null, status, detailOf(status)));
    }

    /** Never internals: a failure of ours is "internal error", a refusal says the status's reason. */
    private static String detailOf(int status) {
        return status >= 500 ? "internal error" : "request rejected: " + titleOf(status);
    }

    private static String titleOf(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    private static Map<String, Object> body(String path, int status, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", titleOf(status));
        body.put("status", status);
        body.put("detail", detail);
        if (path != null) body.put("instance", path);
        return body;
    }
}
