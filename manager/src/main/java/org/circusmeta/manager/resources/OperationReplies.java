package org.circusmeta.manager.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.circusmeta.api.OperationEvent;
import org.circusmeta.manager.core.Operation;

/**
 * How the HTTP API answers a call that starts a long-running operation (docs/operations.md), by what
 * the client asks for: by default it waits for the end and answers 200 with the whole operation; with
 * {@code Accept: application/x-ndjson} it streams the operation's progress, one {@link OperationEvent}
 * a line, as it goes; with {@code Prefer: respond-async} it answers 202 at once with the operation as it
 * stands and its {@code Location}, {@code /api/operations/{id}}. The operation goes on whatever the
 * client does, a client that leaves included.
 *
 * <p>Thread-safe (stateless but for the mapper, which is).
 */
final class OperationReplies {
    static final String NDJSON = "application/x-ndjson";
    static final MediaType NDJSON_TYPE = MediaType.valueOf(NDJSON);
    /** A line at least this often, so that a quiet stream is not taken for a dead one. */
    static final Duration HEARTBEAT = Duration.ofSeconds(10);

    private final ObjectMapper mapper;

    OperationReplies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Response answer(Operation operation, HttpHeaders headers) {
        String prefer = headers.getHeaderString("Prefer");
        if (prefer != null && prefer.toLowerCase(Locale.ROOT).contains("respond-async")) {
            return Response.accepted(Views.operation(operation.snapshot()))
                    .location(URI.create("/api/operations/" + operation.id())).build();
        }
        if (wantsStream(headers)) {
            return Response.ok(stream(operation), NDJSON_TYPE).build();
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

    private StreamingOutput stream(Operation operation) {
        return out -> {
            BlockingQueue<Operation.Event> events = new LinkedBlockingQueue<>();
            Consumer<Operation.Event> follower = events::add;
            try {
                Operation.Snapshot first = operation.follow(follower);
                line(out, new OperationEvent(first.id(), first.state().wireName(), null, null, Views.operation(first)));
                if (first.state() != Operation.State.RUNNING) {
                    return;
                }
                while (true) {
                    Operation.Event event = events.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                    if (event instanceof Operation.Finished finished) {
                        Operation.Snapshot last = finished.snapshot();
                        line(out, new OperationEvent(last.id(), last.state().wireName(), null, null, Views.operation(last)));
                        return;
                    }
                    line(out, event instanceof Operation.StepChanged step
                            ? new OperationEvent(step.id(), Operation.State.RUNNING.wireName(), step.index(),
                                    Views.step(first.subject(), step.step()), null)
                            : new OperationEvent(operation.id(), Operation.State.RUNNING.wireName(), null, null, null));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                operation.unfollow(follower);
            }
        };
    }

    private void line(OutputStream out, OperationEvent event) throws IOException {
        out.write(mapper.writeValueAsBytes(event));
        out.write('\n');
        out.flush();
    }
}
