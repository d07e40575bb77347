package dev.p2pshare.tracker.system;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An expected failure of a request: becomes an RFC 9457 problem with this status and one-line detail. */
public class ApiProblem extends ErrorResponseException {

    public ApiProblem(HttpStatus status, String detail) {
        super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, detail);
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, detail);
    }

    /** 429 with a Retry-After header of {@code retryAfterSeconds} (at least 1). */
    public static ApiProblem tooManyRequests(String detail, long retryAfterSeconds) {
        return withRetryAfter(HttpStatus.TOO_MANY_REQUESTS, detail, retryAfterSeconds);
    }

    /** {@code status} (429 or 503) with a Retry-After header of {@code retryAfterSeconds} (at least 1). */
    public static ApiProblem withRetryAfter(HttpStatus status, String detail, long retryAfterSeconds) {
        ApiProblem problem = new ApiProblem(status, detail);
        problem.getHeaders().set("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
        return problem;
    }
}
