package dev.p2pshare.tracker.system;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure of a request into an RFC 9457 problem with a one-line detail: Spring MVC's own
 * (405, 404, 415, unreadable body, ...), our {@link ApiProblem}s, lost races on a unique constraint
 * (409), and anything unexpected (500 without a stack trace; the trace goes to the log).
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (BodySizeLimitFilter.isBodyTooLarge(ex)) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "request body is larger than the limit", request);
        }
        return problem(HttpStatus.BAD_REQUEST, "request body is missing or is not the expected JSON", request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.NOT_FOUND, "no such path: /" + ex.getResourcePath(), request);
    }

    /** Two requests raced to create the same thing; the database constraint decided. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> conflict(DataIntegrityViolationException ex, WebRequest request) {
        log.debug("constraint violation", ex);
        return problem(HttpStatus.CONFLICT, "it already exists or was changed at the same time; try again", request);
    }

    /**
     * A form-encoded body is read as parameters, and then the firewall (a parameter name it refuses) or
     * Tomcat (a broken percent escape) turns it down: a malformed request, so 400.
     */
    @ExceptionHandler({RequestRejectedException.class, InvalidParameterException.class})
    ResponseEntity<Object> rejectedParameters(Exception ex, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "request rejected: a parameter is malformed; send application/json", request);
    }

    /**
     * Spring refuses to read a body whose Content-Type is a wildcard (such as a bare asterisk pair) with a
     * plain IllegalArgumentException: that one is the client's 415; any other is unexpected.
     */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> illegalArgument(IllegalArgumentException ex, WebRequest request) {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && contentType.contains("*")) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json", request);
        }
        return unexpected(ex, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        log.error("unexpected failure of {}", request.getDescription(false), ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal error", request);
    }

    private ResponseEntity<Object> problem(HttpStatus status, String detail, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        return handleExceptionInternal(new ApiProblem(status, detail), body, new HttpHeaders(), status, request);
    }
}
