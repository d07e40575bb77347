package dev.p2pshare.agent.system;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every error of the control API and the chunk server as RFC 9457 problem+json with a one-line detail:
 * code raises {@link #of}, filters outside Spring MVC write one with {@link #write}, other packages' handlers
 * answer with {@link #answer}, and the handler here turns anything unexpected into one.
 */
@RestControllerAdvice
public class Problems extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    /** The exception to throw for an expected failure: answered with {@code status} and {@code detail}. */
    public static ResponseStatusException of(HttpStatus status, String detail) {
        return new ResponseStatusException(status, detail);
    }

    /** Writes the problem answer directly, for code that runs outside Spring MVC's exception handling (filters). */
    public static void write(HttpServletResponse response, JsonMapper json, HttpStatus status, String detail)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    @ExceptionHandler
    public ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        log.error("unexpected failure", e);
        // the class name stays in the log: an answer names no internals
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; see agent.log");
    }

    /** The answer of an exception handler: {@code status} with a one-line {@code detail}. */
    public static ResponseEntity<ProblemDetail> answer(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
