package org.circusmeta.manager.resources;

import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.circusmeta.manager.aggregation.ReaderQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every server-sent-event resource of the API does alike: a {@code HEAD} that answers at once,
 * and each reader sent by a thread of its own from {@code senders}, so that a reader that stalls
 * only stalls itself. A comment line every 15 s keeps a quiet stream open and notices a reader that
 * left. A subclass subscribes its reader and hands it to {@link #send}.
 *
 * <p>Thread-safe.
 */
public abstract class EventStreamResource {
    private static final Logger LOG = LoggerFactory.getLogger(EventStreamResource.class);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    protected static final int TOO_MANY_REQUESTS = 429;

    /** A message as an event, or empty to skip it. */
    @FunctionalInterface
    protected interface Encoder<M> {
        Optional<OutboundSseEvent.Builder> encode(M message, Sse sse);
    }

    private final ExecutorService senders;
    private final OptionalLong reconnectMillis;

    /** @param reconnectMillis what the first event asks a browser to wait before it reconnects */
    protected EventStreamResource(ExecutorService senders, OptionalLong reconnectMillis) {
        this.senders = senders;
        this.reconnectMillis = reconnectMillis;
    }

    /**
     * What a {@code GET} would answer, without the stream: a {@code HEAD} must end, and it takes no reader
     * slot (left to Jersey, a {@code HEAD} ran the endless {@code GET} and held a slot until a restart).
     */
    @HEAD
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Response head() {
        return Response.ok().type(MediaType.SERVER_SENT_EVENTS_TYPE).build();
    }

    /**
     * Sends {@code reader}'s messages to {@code sink} on a thread of its own until either ends, then
     * runs {@code release}; with no thread free, releases at once and answers 429 with {@code busy}.
     */
    protected <M> void send(ReaderQueue<M> reader, Runnable release, SseEventSink sink, Sse sse, Encoder<M> encoder,
            String busy) {
        try {
            senders.execute(() -> pump(reader, release, sink, sse, encoder));
        } catch (RejectedExecutionException e) {
            release.run();
            throw new WebApplicationException(busy, TOO_MANY_REQUESTS);
        }
    }

    private <M> void pump(ReaderQueue<M> reader, Runnable release, SseEventSink sink, Sse sse, Encoder<M> encoder) {
        try (sink) {
            boolean first = true;
            while (!sink.isClosed() && !reader.isDone()) {
                Optional<M> message = reader.next(KEEP_ALIVE);
                if (reader.isDone()) {
                    break;
                }
                Optional<OutboundSseEvent.Builder> event = message.isEmpty()
                        ? Optional.of(sse.newEventBuilder().comment("keep-alive"))
                        : encoder.encode(message.get(), sse);
                if (event.isPresent()) {
                    if (first && reconnectMillis.isPresent()) {
                        event.get().reconnectDelay(reconnectMillis.getAsLong());
                    }
                    first = false;
                    sink.send(event.get().build()).toCompletableFuture().join();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("a reader of {} went away: {}", getClass().getSimpleName(), e.toString());
        } finally {
            release.run();
        }
    }
}
