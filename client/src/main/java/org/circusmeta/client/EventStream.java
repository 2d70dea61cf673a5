package org.circusmeta.client;

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
    private final SseConnection events;

    private EventStream(SseConnection events) {
        this.events = events;
    }

    static EventStream open(Http http, String path) {
        return new EventStream(SseConnection.open(http, path));
    }

    /** The stream's content type, as the manager declared it ({@code text/event-stream}). */
    public String contentType() {
        return events.contentType();
    }

    /** The next event, waiting for it; empty when the manager ended the stream. */
    public Optional<EventView> next() {
        return events.next().map(e -> RecordJson.read(e.data(), EventView.class));
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
        events.close();
    }
}
