package org.circusmeta.manager.resources;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import org.circusmeta.manager.aggregation.EventClient;
import org.circusmeta.manager.aggregation.EventHub;
import org.circusmeta.manager.aggregation.RelayEvent;
import org.circusmeta.protocol.MalformedMessageException;
import org.eclipse.jetty.util.component.LifeCycle;
import org.circusmeta.protocol.QualifiedName;

/**
 * {@code GET /api/events[?node=N][&watcher=W]}: server-sent events, one {@code data:} line per event of
 * any node, {@code {"node", "watcher", "event", "body"}}, as they are relayed. Each reader has a
 * bounded queue and a sender thread of its own ({@link EventStreamResource}); one that falls a queue
 * behind is dropped (its stream ends).
 *
 * <p>Thread-safe.
 */
@Path("/api/events")
public class EventsResource extends EventStreamResource {
    private static final int UNPROCESSABLE = 422;

    private final EventHub hub;

    public EventsResource(EventHub hub, ExecutorService senders) {
        super(senders, OptionalLong.empty());
        this.hub = hub;
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
        send(client, () -> hub.unsubscribe(client), sink, sse, EventsResource::encode, "no thread is free to send"
                + " events yet (a reader that just left still holds one); try again in a moment");
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

    private static Optional<OutboundSseEvent.Builder> encode(RelayEvent event, Sse sse) {
        try {
            return Optional.of(sse.newEventBuilder().mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(String.class, event.toJson()));
        } catch (MalformedMessageException e) {
            return Optional.empty();
        }
    }
}
