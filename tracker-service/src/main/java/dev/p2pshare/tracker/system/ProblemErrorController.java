package dev.p2pshare.tracker.system;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/**
 * The servlet container's error page (requests rejected before Spring MVC, e.g. a malformed URL):
 * answers problem+json like every other error, never an HTML page or a stack trace.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {
    private final ProblemWriter problems;

    public ProblemErrorController(ProblemWriter problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        problems.write(response, uri == null ? null : uri.toString(), code instanceof Integer c && c >= 400 ? c : 500);
    }
}
