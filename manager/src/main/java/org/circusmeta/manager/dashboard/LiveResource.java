package org.circusmeta.manager.dashboard;

import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import org.circusmeta.manager.core.Reads;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.registry.RegistryWatch;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/live}: the nodes as server-sent events, for the dashboard (README, "The HTTP API"):
 * first {@code nodes} (the whole list) and {@code history} (the last minutes of load), then
 * {@code node}, {@code gone} and {@code load} as they happen. Each reader has a sender thread of its
 * own, so a reader that stalls only stalls itself. The first event asks the browser to reconnect
 * after one second when the stream ends; a comment every 15 s keeps a quiet stream open.
 *
 * <p>Thread-safe.
 */
@Path("/api/live")
public class LiveResource {
    private static final Logger LOG = LoggerFactory.getLogger(LiveResource.class);
    static final int MAX_READERS = 32;
    static final int QUEUE = 256;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final long RECONNECT_MILLIS = 1000;
    private static final int TOO_MANY_REQUESTS = 429;

    private final LiveFeed feed;
    private final ExecutorService senders;

    LiveResource(LiveFeed feed, ExecutorService senders) {
        this.feed = feed;
        this.senders = senders;
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
    public void stream(@Context SseEventSink sink, @Context Sse sse) {
        LiveReader reader = feed.subscribe().orElseThrow(() -> new WebApplicationException(feed.maxReaders()
                + " readers of /api/live are connected already, the most this manager serves; close a dashboard"
                + " or try again later", TOO_MANY_REQUESTS));
        try {
            senders.execute(() -> send(reader, sink, sse));
        } catch (RejectedExecutionException e) {
            feed.unsubscribe(reader);
            throw new WebApplicationException("no thread is free to send to this dashboard yet (one that just left"
                    + " still holds one); try again in a moment", TOO_MANY_REQUESTS);
        }
    }

    private void send(LiveReader reader, SseEventSink sink, Sse sse) {
        try (sink) {
            boolean first = true;
            while (!sink.isClosed() && !reader.isDone()) {
                Optional<LiveReader.Message> message = reader.next(KEEP_ALIVE);
                if (reader.isDone()) {
                    break;
                }
                OutboundSseEvent.Builder event = message.isEmpty() ? sse.newEventBuilder().comment("keep-alive")
                        : sse.newEventBuilder().name(message.get().event()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                                .data(String.class, message.get().data());
                if (first) {
                    event.reconnectDelay(RECONNECT_MILLIS);
                    first = false;
                }
                sink.send(event.build()).toCompletableFuture().join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("a dashboard went away: {}", e.toString());
        } finally {
            feed.unsubscribe(reader);
        }
    }
}
