package org.circusmeta.manager.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.circusmeta.manager.resources.NodesResourceTest.assertError;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.SseEventSource;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.circusmeta.manager.aggregation.EventHub;
import org.circusmeta.manager.aggregation.RelayFeed;
import org.circusmeta.manager.aggregation.RelaySettings;
import org.circusmeta.manager.aggregation.StreamRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/events} alone, over a hub fed by hand: the stream, and the requests it refuses. An
 * IT because the stream needs a real HTTP server (Grizzly, on a free loopback port).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Timeout(30)
class EventsResourceIT {
    private final EventHub hub = new StreamRelay(new RelaySettings("tcp://127.0.0.1:0", "tcp://127.0.0.1:0", 10, 10,
            Duration.ofSeconds(5), 10, 1), new MetricRegistry()).events();
    private final ExecutorService senders = Executors.newSingleThreadExecutor();
    private final ResourceExtension resources = TestResources.served(new EventsResource(hub, senders));

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    @Test
    void streamsEachEventThatMatchesTheFilters() throws Exception {
        try (SseEventSource events = SseEventSource.target(resources.target("/api/events").queryParam("watcher", "web-01:web"))
                .build()) {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            events.register(event -> received.add(event.readData()));
            events.open();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                RelayFeed.event(hub, "web-02", "web", "spawn", "{\"pid\": 1}");
                RelayFeed.event(hub, "web-01", "web", "spawn", "{\"pid\": 2}");
                return !received.isEmpty();
            });
            JsonNode event = TestResources.json(received.take());
            assertThat(event.path("node").asText()).isEqualTo("web-01");
            assertThat(event.path("event").asText()).isEqualTo("spawn");
            assertThat(event.path("body").path("pid").asInt()).isEqualTo(2);
        }
    }

    @Test
    void answers422ForANodeFilterThatIsNoNodeName() {
        assertError(events("node", "no.dots"), 422, "node: 'no.dots' is not a node name");
    }

    @Test
    void answers422ForAQualifiedWatcherThatNamesAnotherNode() {
        assertError(resources.target("/api/events").queryParam("node", "relay-2").queryParam("watcher", "relay-1:web")
                .request(MediaType.SERVER_SENT_EVENTS_TYPE).get(), 422, "names node relay-1");
    }

    @Test
    void answers429OnceAsManyReadersAsAllowedAreReading() {
        hub.subscribe(Optional.empty(), Optional.empty()).orElseThrow();
        assertError(events("watcher", "web"), 429, "readers of /api/events are connected");
    }

    @Test
    void aHeadEndsAtOnceAndTakesNoReaderSlot() throws Exception {
        for (int i = 0; i < 5; i++) {
            CompletableFuture<jakarta.ws.rs.core.Response> head = CompletableFuture.supplyAsync(() ->
                    resources.target("/api/events").request(MediaType.SERVER_SENT_EVENTS_TYPE).head());
            jakarta.ws.rs.core.Response response = head.get(5, TimeUnit.SECONDS);
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getMediaType().isCompatible(MediaType.SERVER_SENT_EVENTS_TYPE)).isTrue();
        }
        // The hub takes one reader (its limit here): the HEADs left it free.
        assertThat(hub.subscribe(Optional.empty(), Optional.empty())).isPresent();
    }

    private jakarta.ws.rs.core.Response events(String key, String value) {
        return resources.target("/api/events").queryParam(key, value).request(MediaType.SERVER_SENT_EVENTS_TYPE).get();
    }
}
