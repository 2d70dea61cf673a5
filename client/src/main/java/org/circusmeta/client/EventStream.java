package org.circusmeta.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.circusmeta.api.EventView;

/**
 * {@code GET /api/events} as it arrives: server-sent events, each {@code data:} an {@link EventView};
 * comments (the manager's keep-alives) are skipped. A read waits up to the client's read deadline, longer
 * than the manager's keep-alive period, so a quiet stream is not mistaken for a dead one.
 *
 * <p>Confined to the thread that reads it; {@link #close()} may come from any thread and ends a read.
 */
public final class EventStream implements AutoCloseable {
    private final Http http;
    private final String path;
    private final HttpURLConnection connection;
    private final BufferedReader lines;

    private EventStream(Http http, String path, HttpURLConnection connection, InputStream body) {
        this.http = http;
        this.path = path;
        this.connection = connection;
        this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    static EventStream open(Http http, String path) {
        HttpURLConnection connection = http.stream(path, "text/event-stream");
        try {
            int status = connection.getResponseCode();
            if (status != 200) {
                InputStream error = connection.getErrorStream();
                String body = error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8);
                connection.disconnect();
                throw new ManagerRefused(http.base(), "GET " + path, new Response(status, body));
            }
            return new EventStream(http, path, connection, connection.getInputStream());
        } catch (IOException e) {
            connection.disconnect();
            throw ManagerUnreachable.connecting(http.base(), "the events stream failed: " + e.getMessage());
        }
    }

    /** The stream's content type, as the manager declared it ({@code text/event-stream}). */
    public String contentType() {
        return connection.getContentType();
    }

    /** The next event, waiting for it; empty when the manager ended the stream. */
    public Optional<EventView> next() {
        StringBuilder data = new StringBuilder();
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty() && data.length() > 0) {
                    return Optional.of(RecordJson.read(data.toString(), EventView.class));
                }
                if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring("data:".length()).strip());
                }
            }
            return Optional.empty();
        } catch (SocketTimeoutException e) {
            throw ManagerUnreachable.silent(http.base(), "GET " + path, http.readTimeout());
        } catch (IOException e) {
            throw new UncheckedIOException("the events stream of " + http.base() + " broke off", e);
        }
    }

    /** The events as a stream that ends with the manager's; read it on one thread. */
    public Stream<EventView> stream() {
        return StreamSupport.stream(new Spliterators.AbstractSpliterator<EventView>(Long.MAX_VALUE, Spliterator.ORDERED) {
            @Override
            public boolean tryAdvance(Consumer<? super EventView> action) {
                Optional<EventView> event = next();
                event.ifPresent(action);
                return event.isPresent();
            }
        }, false);
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
