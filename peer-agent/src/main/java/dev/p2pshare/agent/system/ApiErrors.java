package dev.p2pshare.agent.system;

import dev.p2pshare.agent.tracker.TrackerException;
import dev.p2pshare.agent.tracker.TrackerUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of the control API and the chunk server as RFC 9457 problem+json with a one-line detail. */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    /** The tracker's own verdict (not a member, no such file, name taken...) passed on to the caller. */
    @ExceptionHandler
    public ResponseEntity<ProblemDetail> tracker(TrackerException e) {
        HttpStatus status = HttpStatus.resolve(e.status());
        if (status == null || !status.is4xxClientError()) status = HttpStatus.BAD_GATEWAY;
        String detail = e.status() == 401
                ? "the tracker rejected the session (expired or revoked): log in again"
                : "tracker: " + e.getMessage();
        return problem(status, detail);
    }

    @ExceptionHandler
    public ResponseEntity<ProblemDetail> trackerDown(TrackerUnavailableException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler
    public ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        log.error("unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal error: " + e.getClass().getSimpleName());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
