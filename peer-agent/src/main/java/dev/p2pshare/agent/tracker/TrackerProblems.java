package dev.p2pshare.agent.tracker;

import dev.p2pshare.agent.system.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The tracker's verdicts passed on to the agent's callers. Ordered before {@link Problems}, whose catch-all
 * for unexpected exceptions would otherwise answer them.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class TrackerProblems {
    /** The tracker's own verdict (not a member, no such file, name taken...). */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> tracker(TrackerException e) {
        HttpStatus status = HttpStatus.resolve(e.status());
        if (status == null || !status.is4xxClientError()) status = HttpStatus.BAD_GATEWAY;
        String detail = e.status() == 401
                ? "the tracker rejected the session (expired or revoked): log in again"
                : "tracker: " + e.getMessage();
        return Problems.answer(status, detail);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> trackerDown(TrackerUnavailableException e) {
        return Problems.answer(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
