package org.circusmeta.manager.resources;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.circusmeta.manager.aggregation.EventClient;
import org.circusmeta.manager.aggregation.EventHub;
import org.circusmeta.manager.aggregation.RelayEvent;
import org.circusmeta.protocol.MalformedMessageException;
import org.eclipse.jetty.util.component.LifeCycle;
import org.circusmeta.protocol.QualifiedName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/events[?node=N][&watcher=W]}: server-sent events, one {@code data:} line per event of
 * any node, {@code {"node", "watcher", "event", "body"}}, as they are relayed. Each reader has a
 * bounded queue and a sender thread of its own, so a reader that stalls only stalls itself; one that
 * falls a queue behind is dropped (its stream ends). A comment line every 15 s keeps idle streams
 * open and notices readers that left.
 *
 * <p>Thread-safe.
 */
@Path("/api/events")
public class EventsResource {
    private static final Logger LOG = LoggerFactory.getLogger(EventsResource.class);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int TOO_MANY_REQUESTS = 429;
    private static final int UNPROCESSABLE = 422;

    private final EventHub hub;
    private final ExecutorService senders;

    public EventsResource(EventHub hub, ExecutorService senders) {
        this.hub = hub;
        this.senders = senders;
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

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Context SseEventSink sink, @Context Sse sse, @QueryParam("node") String node,
            @QueryParam("watcher") String watcher) {
        if (node != null && !QualifiedName.isValidNodeName(node)) {
            throw new WebApplicationException("node: '" + node + "' is not a node name (1 to 63 letters, digits, '-' or"
                    + " '_', starting with a letter or digit)", UNPROCESSABLE);
        }
        Optional<String> nodeFilter = Optional.ofNullable(node);
        Optional<String> watcherFilter = Optional.ofNullable(watcher).filter(w -> !w.isEmpty());
        Optional<QualifiedName> qualified = watcherFilter.map(QualifiedName::parse).filter(QualifiedName::isQualified);
        if (qualified.isPresent()) {
            // watcher=NODE:W, as the cluster endpoint and the CLI write it.
            String named = qualified.get().node().orElseThrow();
            if (nodeFilter.isPresent() && !nodeFilter.get().equals(named)) {
                throw new WebApplicationException("watcher: '" + watcher + "' names node " + named + ", but node is '" + node
                        + "'; give one of them", UNPROCESSABLE);
            }
            nodeFilter = Optional.of(named);
            watcherFilter = Optional.of(qualified.get().watcher());
        }
        EventClient client = hub.subscribe(nodeFilter, watcherFilter)
                .orElseThrow(() -> new WebApplicationException(hub.maxClients() + " readers of /api/events are connected"
                        + " already, the most this manager serves (circus.relay.eventsMaxReaders); try again later, or read"
                        + " the manager's pubsub socket instead", TOO_MANY_REQUESTS));
        try {
            senders.execute(() -> send(client, sink, sse));
        } catch (RejectedExecutionException e) {
            hub.unsubscribe(client);
            throw new WebApplicationException("no thread is free to send events yet (a reader that just left still holds"
                    + " one); try again in a moment", TOO_MANY_REQUESTS);
        }
    }

    /**
     * Ends every stream as the server begins to stop: its graceful stop waits for open requests, and a
     * stream of events never finishes by itself.
     */
    public LifeCycle.Listener endingStreamsOnStop() {
        return new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(LifeCycle server) {
                hub.close();
            }
        };
    }

    private void send(EventClient client, SseEventSink sink, Sse sse) {
        try (sink) {
            while (!sink.isClosed() && !client.isDone()) {
                Optional<RelayEvent> event = client.next(KEEP_ALIVE);
                if (client.isDone()) {
                    break;
                }
                String data;
                try {
                    data = event.map(RelayEvent::toJson).orElse(null);
                } catch (MalformedMessageException e) {
                    continue;
                }
                var out = data == null ? sse.newEventBuilder().comment("keep-alive").build()
                        : sse.newEventBuilder().mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, data).build();
                sink.send(out).toCompletableFuture().join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("an events reader went away: {}", e.toString());
        } finally {
            hub.unsubscribe(client);
        }
    }
}
