package dev.p2pshare.tracker.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Refuses request bodies above {@code p2p.tracker.max-request-size} with 413: at once when the
 * Content-Length says so, otherwise (chunked bodies) as soon as the reader passes the limit. Sharing
 * (POST /api/groups/{group}/files) may send a folder's manifest: that one endpoint also allows
 * {@value #BYTES_PER_FOLDER_FILE} bytes for each file of {@code p2p.tracker.folder-limits.max-files}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BodySizeLimitFilter extends OncePerRequestFilter {
    /** A folder file's entry in JSON: about 110 bytes around its path, and room for a path of 90 bytes on average. */
    static final int BYTES_PER_FOLDER_FILE = 200;
    private static final Pattern SHARE = Pattern.compile("/api/groups/[^/]+/files");

    private final long limit;
    private final long shareLimit;
    private final ProblemWriter problems;

    public BodySizeLimitFilter(TrackerProperties properties, ProblemWriter problems) {
        this.limit = properties.maxRequestSize().toBytes();
        this.shareLimit = limit + (long) properties.folderLimits().maxFiles() * BYTES_PER_FOLDER_FILE;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean share = "POST".equals(request.getMethod()) && SHARE.matcher(request.getRequestURI()).matches();
        long allowed = share ? shareLimit : limit;
        if (request.getContentLengthLong() > allowed) {
            problems.write(response, request.getRequestURI(), HttpStatus.CONTENT_TOO_LARGE,
                    "request body is larger than " + allowed + " bytes");
            return;
        }
        chain.doFilter(request.getContentLengthLong() >= 0 ? request : new Limited(request, allowed), response);
    }

    /** True when reading the body failed because it passed the limit. */
    static boolean isBodyTooLarge(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) return true;
        }
        return false;
    }

    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("request body is larger than " + limit + " bytes");
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) stream = new CountingStream(super.getInputStream(), limit);
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) add(1);
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) add(n);
            return n;
        }

        private void add(int n) throws BodyTooLargeException {
            count += n;
            if (count > limit) throw new BodyTooLargeException(limit);
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
