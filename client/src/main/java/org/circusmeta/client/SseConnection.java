package org.circusmeta.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A stream of server-sent events from the manager, read as it arrives: each event its name
 * ({@code message} when it has none) and its data; comments (the manager's keep-alives) are skipped. A
 * read waits up to the client's read deadline, longer than the manager's keep-alive period, so a quiet
 * stream is not mistaken for a dead one.
 *
 * <p>Confined to the thread that reads it; {@link #close()} may come from any thread and ends a read.
 */
final class SseConnection implements AutoCloseable {
    /** One event: its {@code event:} name and its {@code data:} lines joined. */
    record Event(String name, String data) {}

    private final Http http;
    private final String path;
    private final HttpURLConnection connection;
    private final BufferedReader lines;

    private SseConnection(Http http, String path, HttpURLConnection connection, InputStream body) {
        this.http = http;
        this.path = path;
        this.connection = connection;
        this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** @throws ManagerRefused for an answer other than 200, its body the manager's reason */
    static SseConnection open(Http http, String path) {
        HttpURLConnection connection = http.stream(path, "text/event-stream");
        try {
            int status = connection.getResponseCode();
            if (status != 200) {
                InputStream error = connection.getErrorStream();
                String body = error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8);
                connection.disconnect();
                throw new ManagerRefused(http.base(), "GET " + path, new Response(status, body));
            }
            return new SseConnection(http, path, connection, connection.getInputStream());
        } catch (IOException e) {
            connection.disconnect();
            throw ManagerUnreachable.connecting(http.base(), "the stream of GET " + path + " failed: " + e.getMessage());
        }
    }

    String contentType() {
        return connection.getContentType();
    }

    /** A response header, every value of it. */
    List<String> header(String name) {
        return Optional.ofNullable(connection.getHeaderFields().get(name)).orElse(List.of());
    }

    /** The next event, waiting for it; empty when the manager ended the stream. */
    Optional<Event> next() {
        StringBuilder data = new StringBuilder();
        String name = "message";
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty() && data.length() > 0) {
                    return Optional.of(new Event(name, data.toString()));
                } else if (line.isEmpty()) {
                    name = "message";
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring("data:".length()).strip());
                } else if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).strip();
                }
            }
            return Optional.empty();
        } catch (SocketTimeoutException e) {
            throw ManagerUnreachable.silent(http.base(), "GET " + path, http.readTimeout());
        } catch (IOException e) {
            throw new UncheckedIOException("the stream of GET " + path + " from " + http.base() + " broke off", e);
        }
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
