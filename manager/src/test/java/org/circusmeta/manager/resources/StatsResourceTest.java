package org.circusmeta.manager.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import java.time.Duration;
import org.circusmeta.manager.aggregation.LiveStats;
import org.circusmeta.manager.aggregation.RelayFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /api/stats} alone, over live stats fed by hand. */
@ExtendWith(DropwizardExtensionsSupport.class)
class StatsResourceTest {
    private final LiveStats live = new LiveStats(Duration.ofSeconds(5));
    private final ResourceExtension resources = TestResources.of(new StatsResource(live::current));

    @Test
    void answersEachNodeAndWatcherAndTheTotals() {
        RelayFeed.sample(live, "web-01", "web", "{\"pid\": [1, 2], \"cpu\": 1.0, \"mem\": 0.007}");
        RelayFeed.sample(live, "web-02", "web", "{\"pid\": [3], \"cpu\": 2.0, \"mem\": 0.01}");

        JsonNode stats = resources.target("/api/stats").request().get(JsonNode.class);

        JsonNode node = stats.path("nodes").path("web-01");
        assertThat(node.path("processes").asInt()).isEqualTo(2);
        assertThat(node.path("cpu").asDouble()).isEqualTo(2.0);
        assertThat(node.path("sampled_at").asText()).endsWith("Z");
        assertThat(node.path("watchers").path("web").path("processes").asInt()).isEqualTo(2);
        assertThat(stats.path("watchers").path("web").path("processes").asInt()).isEqualTo(3);
        assertThat(stats.path("totals").path("cpu").asDouble()).isEqualTo(4.0);
    }

    @Test
    void answersEmptyFiguresBeforeAnyStatsCame() {
        JsonNode stats = resources.target("/api/stats").request().get(JsonNode.class);
        assertThat(stats.path("nodes").size()).isZero();
        assertThat(stats.path("totals").path("processes").asInt()).isZero();
    }
}
