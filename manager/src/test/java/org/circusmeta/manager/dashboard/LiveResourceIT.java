package org.circusmeta.manager.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.circusmeta.manager.resources.ApiMapper;
import org.glassfish.jersey.test.TestProperties;
import org.glassfish.jersey.test.grizzly.GrizzlyTestContainerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /api/live} served by Grizzly on loopback: what its stream base gives it, through this resource. */
@ExtendWith(DropwizardExtensionsSupport.class)
@Timeout(60)
class LiveResourceIT {
    private static final ObjectMapper MAPPER = ApiMapper.configure(Jackson.newObjectMapper());

    private final LiveFeed feed = new LiveFeed(new NodesRead(), MAPPER, 1, 16);
    private final ExecutorService senders = Executors.newSingleThreadExecutor();
    private final ResourceExtension resources = ResourceExtension.builder().setMapper(MAPPER)
            .addResource(new LiveResource(feed, senders))
            .setTestContainerFactory(new GrizzlyTestContainerFactory())
            .addProperty(TestProperties.CONTAINER_PORT, "0").build();

    @AfterEach
    void close() {
        feed.close();
        senders.shutdownNow();
    }

    @Test
    void aHeadEndsAtOnceAndTakesNoReaderSlot() throws Exception {
        for (int i = 0; i < 3; i++) {
            CompletableFuture<Response> head = CompletableFuture.supplyAsync(() ->
                    resources.target("/api/live").request(MediaType.SERVER_SENT_EVENTS_TYPE).head());
            Response response = head.get(5, TimeUnit.SECONDS);
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getMediaType().isCompatible(MediaType.SERVER_SENT_EVENTS_TYPE)).isTrue();
        }
        // The feed takes one reader (its limit here): the HEADs left it free.
        assertThat(feed.subscribe()).isPresent();
    }

    @Test
    void aReaderBeyondTheLimitIs429AndNamesTheLimit() {
        feed.subscribe().orElseThrow();
        Response response = resources.target("/api/live").request(MediaType.SERVER_SENT_EVENTS_TYPE).get();
        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.readEntity(String.class)).contains("1 readers of /api/live are connected already");
    }
}
