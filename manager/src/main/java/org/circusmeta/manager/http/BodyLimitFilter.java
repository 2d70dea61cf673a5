package org.circusmeta.manager.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every request body whole before the request goes on, up to {@code http.maxRequestBody}: a bigger one
 * is answered 413 (at once when its {@code Content-Length} says so, else once that much has come), so that
 * nothing bigger reaches the nodes or the heap; a body that ends before its {@code Content-Length} (the
 * client stopped sending) is answered 408 and logged at debug, not a 500 with a stack trace. Thread-safe.
 */
final class BodyLimitFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BodyLimitFilter.class);

    private final long max;
    private final transient HttpRefusals answers;

    BodyLimitFilter(long max, HttpRefusals answers) {
        this.max = max;
        this.answers = answers;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long declared = request.getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (declared <= 0 && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        if (declared > max) {
            tooLarge(response, declared + " bytes");
            return;
        }
        if (isForm(request)) {
            // Jetty reads a form itself, bounded by its own form limit (200,000 bytes), into the parameters.
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = read(request.getInputStream());
        } catch (IOException e) {
            LOG.debug("{} {}: the body ended before its Content-Length of {} bytes: {}", request.getMethod(),
                    request.getRequestURI(), declared, e.toString());
            answers.refuse(response, 408, "the request body ended before the " + declared + " bytes its Content-Length"
                    + " announced; send the whole body, or a Content-Length that matches it");
            return;
        }
        if (body == null) {
            tooLarge(response, "more than " + max + " bytes");
            return;
        }
        chain.doFilter(new Buffered(request, body), response);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** The whole body, or null when it has more than {@link #max} bytes. */
    private byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            out.write(chunk, 0, n);
            if (out.size() > max) {
                return null;
            }
        }
        return out.toByteArray();
    }

    private void tooLarge(HttpServletResponse response, String size) throws IOException {
        response.setHeader("Connection", "close");
        answers.refuse(response, 413, "the request body has " + size + ", and the manager takes at most " + max
                + " (http.maxRequestBody in its config.yml); send less, e.g. fewer properties at once");
    }

    /** The request, its body read from memory. */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was read already; read it blocking");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
