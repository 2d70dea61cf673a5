package org.circusmeta.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP/1.1 to one base URL with {@link HttpURLConnection}: the bearer token when there is one, a
 * connect and a read deadline, keep-alive between calls (each response is read to its end). A failed
 * connection or a silent server is a {@link ManagerUnreachable}; an HTTP error is a plain response.
 *
 * <p>{@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: the latter loads the TLS
 * stack and some 1,300 more classes even for plain http, which tripled the CLI's start-up time, and
 * hands each response between its own threads, which added milliseconds to the benchmarks' figures.
 * Each call is made and read on the caller's thread.
 *
 * <p>Immutable; thread-safe.
 */
final class Http {
    static final String PATCH = "PATCH";
    /** The header that makes a POST another method, for the methods HttpURLConnection does not send. */
    static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";

    private final String base;
    private final Optional<String> token;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Optional<SSLSocketFactory> tls;

    Http(String base, Optional<String> token, Duration connectTimeout, Duration readTimeout) {
        this(base, token, connectTimeout, readTimeout, Optional.empty());
    }

    private Http(String base, Optional<String> token, Duration connectTimeout, Duration readTimeout,
            Optional<SSLSocketFactory> tls) {
        this.base = base;
        this.token = token;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.tls = tls;
    }

    String base() {
        return base;
    }

    Http withToken(Optional<String> newToken) {
        return new Http(base, newToken, connectTimeout, readTimeout, tls);
    }

    Http withReadTimeout(Duration timeout) {
        return new Http(base, token, connectTimeout, timeout, tls);
    }

    /** The same, trusting only these certificates for https (the JDK's trust store otherwise). */
    Http trusting(SSLSocketFactory factory) {
        return new Http(base, token, connectTimeout, readTimeout, Optional.of(factory));
    }

    /** One request, its response read whole. {@code body} needs a method that takes one (not GET). */
    Response send(String method, String path, Optional<String> body, String contentType) {
        return send(method, path, body, contentType, Map.of());
    }

    /** The same with more headers ({@code Prefer: respond-async}). */
    Response send(String method, String path, Optional<String> body, String contentType, Map<String, String> headers) {
        Optional<byte[]> bytes = body.map(b -> b.getBytes(StandardCharsets.UTF_8));
        HttpURLConnection connection = open(method, path, "application/json", bytes.isPresent(), contentType, headers);
        try {
            if (bytes.isPresent()) {
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(bytes.get());
                }
            }
            int status = connection.getResponseCode();
            String text = read(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
            List<String> warnings = connection.getHeaderFields().get("Warning");
            return new Response(status, text, warnings == null ? List.of() : warnings);
        } catch (SocketTimeoutException e) {
            throw ManagerUnreachable.silent(base, method + " " + path, readTimeout);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** A GET whose body the caller reads as it arrives (a stream of events); the caller closes it. */
    HttpURLConnection stream(String path, String accept) {
        return stream("GET", path, Optional.empty(), accept);
    }

    /** A request (with a JSON body when given) whose answer the caller reads as it arrives; the caller closes it. */
    HttpURLConnection stream(String method, String path, Optional<String> body, String accept) {
        return stream(method, path, body, accept, "application/json");
    }

    /** As {@link #stream(String, String, Optional, String)}, with a body of that content type. */
    HttpURLConnection stream(String method, String path, Optional<String> body, String accept, String contentType) {
        Optional<byte[]> bytes = body.map(b -> b.getBytes(StandardCharsets.UTF_8));
        HttpURLConnection connection = open(method, path, accept, bytes.isPresent(), contentType, Map.of());
        try {
            if (bytes.isPresent()) {
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(bytes.get());
                }
            }
            connection.getResponseCode();
            return connection;
        } catch (SocketTimeoutException e) {
            throw ManagerUnreachable.silent(base, method + " " + path, readTimeout);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    Duration readTimeout() {
        return readTimeout;
    }

    /** A connection made, with the request's headers set. */
    private HttpURLConnection open(String method, String path, String accept, boolean withBody, String contentType,
            Map<String, String> headers) {
        if (withBody && method.equals("GET")) {
            throw new IllegalArgumentException("a GET has no body (HttpURLConnection would send a POST)");
        }
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
            if (connection instanceof HttpsURLConnection https) {
                tls.ifPresent(https::setSSLSocketFactory);
            }
            // HttpURLConnection knows no PATCH: it goes as a POST that says so, which the manager reads as a PATCH.
            connection.setRequestMethod(method.equals(PATCH) ? "POST" : method);
            if (method.equals(PATCH)) {
                connection.setRequestProperty(METHOD_OVERRIDE, PATCH);
            }
            connection.setConnectTimeout((int) connectTimeout.toMillis());
            connection.setReadTimeout((int) readTimeout.toMillis());
            connection.setUseCaches(false);
            connection.setRequestProperty("Accept", accept);
            token.ifPresent(t -> connection.setRequestProperty("Authorization", "Bearer " + t));
            headers.forEach(connection::setRequestProperty);
            if (withBody) {
                connection.setDoOutput(true);
                // Buffered, not streamed (no setFixedLengthStreamingMode): in streaming mode a 401 is an
                // HttpRetryException rather than a response whose message can be read.
                connection.setRequestProperty("Content-Type", contentType);
            }
            connection.connect();
            return connection;
        } catch (SocketTimeoutException e) {
            throw ManagerUnreachable.connecting(base, "no connection within " + connectTimeout.toSeconds() + " s");
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private ManagerUnreachable failed(IOException e) {
        String said = e.getMessage() == null || e.getMessage().isBlank() ? "" : e.getMessage();
        if (e instanceof ConnectException) {
            return ManagerUnreachable.connecting(base, said.isEmpty() ? "connection refused" : said);
        }
        if (e instanceof UnknownHostException) {
            return ManagerUnreachable.connecting(base, "unknown host " + said);
        }
        return ManagerUnreachable.connecting(base, "the connection failed: " + (said.isEmpty() ? e.getClass().getSimpleName()
                : said));
    }

    private static String read(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** One path segment, percent-encoded. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code ?k=v&...} of the parameters that are present, in the order of their names; or nothing. */
    static String query(Map<String, Optional<String>> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        new TreeMap<>(parameters).forEach((k, v) -> v.ifPresent(value -> query.add(k + "=" + URLEncoder.encode(value,
                StandardCharsets.UTF_8))));
        return query.toString();
    }
}
