package procos.das.security;

import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import procos.kernel.Kernel;
import procos.kernel.config.KernelSettings;
import procos.kernel.config.SecuritySettings;

/**
 * Refuses request bodies above {@code procos.http.max-request-bytes} before anything reads them
 * whole: a declared length that is too large is answered 413 at once, and a body without one
 * (chunked) is cut off and answered 413 when it passes the limit.
 */
public class RequestSizeLimit implements Filter {

    @Inject
    Kernel kernel;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        long limit = limit();
        long declared = request.getContentLengthLong();
        HttpServletResponse http = (HttpServletResponse) response;
        if (declared > limit) {
            refuse(http, limit);
            return;
        }
        try {
            chain.doFilter(declared >= 0 ? request : new Limited((HttpServletRequest) request, limit), response);
        } catch (TooLarge e) {
            refuseUnlessCommitted(http, limit);
        } catch (ServletException e) {
            if (!(e.getCause() instanceof TooLarge)) {
                throw e;
            }
            refuseUnlessCommitted(http, limit);
        }
    }

    /** A resource that hit the limit while reading may already have answered; otherwise the answer is 413. */
    private static void refuseUnlessCommitted(HttpServletResponse response, long limit) throws IOException {
        if (!response.isCommitted()) {
            response.reset();
            refuse(response, limit);
        }
    }

    private long limit() {
        KernelSettings settings = kernel.settings();
        return settings == null ? SecuritySettings.DEFAULT_MAX_REQUEST_BYTES : settings.security().maxRequestBytes();
    }

    private static void refuse(HttpServletResponse response, long limit) throws IOException {
        response.setStatus(413);
        response.setContentType("application/json");
        response.setHeader("Connection", "close");
        // The shape of every other API error (procos.das.api.ApiErrors), so clients read one kind of answer.
        response.getWriter().write("{\"status\":413,\"error\":\"Content Too Large\",\"message\":\"body: larger than "
                + limit + " bytes (procos.http.max-request-bytes)\"}");
    }

    /** Thrown by a limited stream once the body passes the limit. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("request body larger than " + limit + " bytes");
        }
    }

    /** A request whose body stream fails once more than the limit has been read. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > limit) {
                throw new TooLarge(limit);
            }
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
