package org.circusmeta.manager.dashboard;

import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import org.circusmeta.manager.core.Reads;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.registry.RegistryWatch;
import org.circusmeta.manager.resources.EventStreamResource;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * {@code GET /api/live}: the nodes as server-sent events, for the dashboard (README, "The HTTP API"):
 * first {@code nodes} (the whole list) and {@code history} (the last minutes of load), then
 * {@code node}, {@code gone} and {@code load} as they happen. Each reader has a sender thread of its
 * own ({@link EventStreamResource}). The first event asks the browser to reconnect after one second
 * when the stream ends.
 *
 * <p>Thread-safe.
 */
@Path("/api/live")
public class LiveResource extends EventStreamResource {
    static final int MAX_READERS = 32;
    static final int QUEUE = 256;
    private static final long RECONNECT_MILLIS = 1000;

    private final LiveFeed feed;

    LiveResource(LiveFeed feed, ExecutorService senders) {
        super(senders, OptionalLong.of(RECONNECT_MILLIS));
        this.feed = feed;
    }

    /** The feed, managed, told of the changes of the connections and the registry, and its resource. */
    public static void register(Environment environment, Reads reads, NodeConnections connections, RegistryWatch registry) {
        LiveFeed feed = new LiveFeed(reads, environment.getObjectMapper(), MAX_READERS, QUEUE);
        environment.lifecycle().manage(feed);
        connections.addListener(feed);
        registry.addListener(feed);
        // The server's graceful stop waits for open requests, and a live stream never finishes by itself.
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(LifeCycle server) {
                feed.close();
            }
        });
        environment.jersey().register(new LiveResource(feed, environment.lifecycle().executorService("live-reader-%d")
                .minThreads(0).maxThreads(MAX_READERS).workQueue(new SynchronousQueue<>()).build()));
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Context SseEventSink sink, @Context Sse sse) {
        LiveReader reader = feed.subscribe().orElseThrow(() -> new WebApplicationException(feed.maxReaders()
                + " readers of /api/live are connected already, the most this manager serves; close a dashboard"
                + " or try again later", TOO_MANY_REQUESTS));
        send(reader, () -> feed.unsubscribe(reader), sink, sse, LiveResource::encode, "no thread is free to send to"
                + " this dashboard yet (one that just left still holds one); try again in a moment");
    }

    private static Optional<OutboundSseEvent.Builder> encode(LiveReader.Message message, Sse sse) {
        return Optional.of(sse.newEventBuilder().name(message.event()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, message.data()));
    }
}
