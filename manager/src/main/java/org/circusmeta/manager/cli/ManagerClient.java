package org.circusmeta.manager.cli;

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
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The manager's HTTP API, as the CLI calls it: JSON bodies, the bearer token when there is one, a
 * connect deadline of 5 s and a read deadline of 60 s (a fan-out waits up to the manager's
 * commandTimeout per step). A manager that cannot be reached is a {@link CommandFailedException}
 * saying which URL and what to check.
 *
 * <p>{@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: the latter loads the TLS
 * stack and some 1,300 more classes even for plain http, which tripled the CLI's start-up time.
 *
 * <p>Thread-safe (stateless between calls).
 */
final class ManagerClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /** A response as it came: the status and the body, parsed on demand. */
    record Response(int status, String body) {
        boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        Json json() {
            return Json.tryParse(body).orElse(Json.MISSING);
        }
    }

    private final String base;
    private final Optional<String> token;

    ManagerClient(String base, Optional<String> token) {
        this.base = base;
        this.token = token;
    }

    String base() {
        return base;
    }

    Response get(String path) {
        return send("GET", path, Optional.empty());
    }

    Response post(String path, String json) {
        return send("POST", path, Optional.of(json));
    }

    Response delete(String path) {
        return send("DELETE", path, Optional.empty());
    }

    private Response send(String method, String path, Optional<String> body) {
        Optional<byte[]> bytes = body.map(b -> b.getBytes(StandardCharsets.UTF_8));
        HttpURLConnection connection = open(method, path, bytes.map(b -> b.length));
        try {
            if (bytes.isPresent()) {
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(bytes.get());
                }
            }
            int status = connection.getResponseCode();
            return new Response(status, read(status >= 400 ? connection.getErrorStream() : connection.getInputStream()));
        } catch (SocketTimeoutException e) {
            throw new CommandFailedException("the manager at " + base + " took more than " + READ_TIMEOUT.toSeconds()
                    + " s to answer " + method + " " + path + "; its log may say why");
        } catch (IOException e) {
            throw unreachable("the connection failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        } finally {
            connection.disconnect();
        }
    }

    /** A connection made, with the request's headers set. */
    private HttpURLConnection open(String method, String path, Optional<Integer> bodyLength) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
            connection.setUseCaches(false);
            connection.setRequestProperty("Accept", "application/json");
            token.ifPresent(t -> connection.setRequestProperty("Authorization", "Bearer " + t));
            if (bodyLength.isPresent()) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                connection.setFixedLengthStreamingMode(bodyLength.get());
            }
            connection.connect();
            return connection;
        } catch (SocketTimeoutException e) {
            throw unreachable("no connection within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            throw unreachable(e.getMessage() == null || e.getMessage().isBlank() ? "connection refused" : e.getMessage());
        } catch (UnknownHostException e) {
            throw unreachable("unknown host " + e.getMessage());
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static String read(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private CommandFailedException unreachable(String why) {
        return new CommandFailedException("cannot reach the manager at " + base + " (" + why + ").\n"
                + "Check that it is running (scripts/circusmeta-manager, or scripts/demo) and that --manager or"
                + " CIRCUSMETA_MANAGER names its application port (http://HOST:PORT, default " + Help.DEFAULT_MANAGER
                + ").");
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
