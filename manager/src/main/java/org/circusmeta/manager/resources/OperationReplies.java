package org.circusmeta.manager.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.circusmeta.api.OperationEvent;
import org.circusmeta.manager.core.Operation;
import org.glassfish.jersey.server.ChunkedOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the HTTP API answers a call that starts a long-running operation (docs/operations.md), by what
 * the client asks for: by default it waits for the end and answers 200 with the whole operation; with
 * {@code Accept: application/x-ndjson} it streams the operation's progress, one {@link OperationEvent}
 * a line, as it goes (each line sent at once, as a chunk of its own, by a sender thread of the stream's
 * own); with {@code Prefer: respond-async} it answers 202 at once with the operation as it stands and its
 * {@code Location}, {@code /api/operations/{id}}. The operation goes on whatever the client does, a
 * client that leaves included.
 *
 * <p>Thread-safe.
 */
public final class OperationReplies {
    static final String NDJSON = "application/x-ndjson";
    static final MediaType NDJSON_TYPE = MediaType.valueOf(NDJSON);
    /** A line at least this often, so that a quiet stream is not taken for a dead one. */
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(OperationReplies.class);
    private static final int TOO_MANY_REQUESTS = 429;

    private final ObjectMapper mapper;
    private final Executor senders;

    /** @param senders one thread per stream while it lasts; a stream it cannot take is refused with 429 */
    public OperationReplies(ObjectMapper mapper, Executor senders) {
        this.mapper = mapper;
        this.senders = senders;
    }

    Response answer(Operation operation, HttpHeaders headers) {
        String prefer = headers.getHeaderString("Prefer");
        if (prefer != null && prefer.toLowerCase(Locale.ROOT).contains("respond-async")) {
            return Response.accepted(Views.operation(operation.snapshot()))
                    .location(URI.create("/api/operations/" + operation.id())).build();
        }
        if (wantsStream(headers)) {
            ChunkedOutput<String> output = new ChunkedOutput<>(String.class, "\n");
            try {
                senders.execute(() -> send(operation, output));
            } catch (RejectedExecutionException e) {
                throw new WebApplicationException("operation " + operation.id() + " runs, but this manager streams no more"
                        + " progress at once; follow it with GET /api/operations/" + operation.id(), TOO_MANY_REQUESTS);
            }
            return Response.ok(output, NDJSON_TYPE).build();
        }
        return Response.ok(Views.operation(operation.finished().join()), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Whether the client takes NDJSON before JSON. */
    private static boolean wantsStream(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(NDJSON_TYPE) && !type.isWildcardType()) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    /** On a sender thread: the operation's events, one a line, until it ends or the client leaves. */
    private void send(Operation operation, ChunkedOutput<String> output) {
        BlockingQueue<Operation.Event> events = new LinkedBlockingQueue<>();
        Consumer<Operation.Event> follower = events::add;
        try (output) {
            Operation.Snapshot first = operation.follow(follower);
            output.write(line(new OperationEvent(first.id(), first.state().wireName(), null, null, Views.operation(first))));
            if (first.state() != Operation.State.RUNNING) {
                return;
            }
            while (!output.isClosed()) {
                Operation.Event event = events.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                if (event instanceof Operation.Finished finished) {
                    Operation.Snapshot last = finished.snapshot();
                    output.write(line(new OperationEvent(last.id(), last.state().wireName(), null, null,
                            Views.operation(last))));
                    return;
                }
                output.write(line(event instanceof Operation.StepChanged step
                        ? new OperationEvent(step.id(), Operation.State.RUNNING.wireName(), step.index(),
                                Views.step(first.subject(), step.step()), null)
                        : new OperationEvent(operation.id(), Operation.State.RUNNING.wireName(), null, null, null)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("a reader of operation {} went away: {}", operation.id(), e.toString());
        } finally {
            operation.unfollow(follower);
        }
    }

    private String line(OperationEvent event) throws JsonProcessingException {
        return mapper.writeValueAsString(event);
    }
}
