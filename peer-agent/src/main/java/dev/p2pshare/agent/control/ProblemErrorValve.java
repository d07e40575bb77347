package dev.p2pshare.agent.control;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's own error answers (a request it cannot parse, a method it will not pass on, a header too large)
 * as problem+json like every other error of the agent, instead of its HTML page naming the server. A
 * method Tomcat does not implement (CONNECT) is the caller's fault: 405, not 501.
 */
public class ProblemErrorValve extends ErrorReportValve {
    public ProblemErrorValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) return;
        AtomicBoolean writable = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
        if (!writable.get()) return;
        if (status == HttpStatus.NOT_IMPLEMENTED.value()) status = HttpStatus.METHOD_NOT_ALLOWED.value();
        if (status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED.value()) status = HttpStatus.BAD_REQUEST.value();
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = switch (status) {
            case 400 -> "malformed request";
            case 405 -> "method not allowed here";
            case 413 -> "request too large";
            default -> title.toLowerCase(java.util.Locale.ROOT);
        };
        try {
            response.setStatus(status);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer == null) return;
            writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                    + ",\"detail\":\"" + detail + "\"}");
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the answer was committed meanwhile: nothing left to tell it
        }
    }
}
