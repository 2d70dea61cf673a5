package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.client.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics/prometheus}: every Dropwizard metric and the cluster's labelled gauges, in the text format. */
@Timeout(90)
class PrometheusIT {
    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig();

    private static final List<String> NODES = List.of("prom-1", "prom-2");
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @BeforeAll
    static void startNodes() {
        RealNodes nodes = MANAGER.realNodes("prom-nodes");
        NODES.forEach(n -> nodes.start(n, RealNodes.watcher("sleeper", "sleep 4341", 1)));
        MANAGER.awaitAttached(NODES, WITHIN);
        Response added = MANAGER.api().send("POST", "/api/watchers",
                Optional.of("{\"name\": \"spread\", \"cmd\": \"sleep 4342\", \"instances\": 2}"));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
    }

    @Test
    void labelsEachNodeWithItsState() {
        await().atMost(WITHIN).untilAsserted(() -> {
            List<PrometheusText.Sample> samples = scrape();
            for (String node : NODES) {
                assertThat(value(samples, "circusmeta_node_state", Map.of("node", node, "state", "attached"))).isEqualTo(1);
                assertThat(value(samples, "circusmeta_node_state", Map.of("node", node, "state", "unreachable"))).isZero();
            }
        });
    }

    @Test
    void followsADetachedNode() {
        assertThat(MANAGER.admin().task("detach", Map.of("node", "prom-2")).status()).isEqualTo(200);
        try {
            await().atMost(WITHIN).until(() -> value(scrape(), "circusmeta_node_state",
                    Map.of("node", "prom-2", "state", "detached")) == 1);
            assertThat(value(scrape(), "circusmeta_node_state", Map.of("node", "prom-2", "state", "attached"))).isZero();
        } finally {
            MANAGER.admin().task("attach", Map.of("node", "prom-2"));
            MANAGER.awaitAttached(NODES, WITHIN);
        }
    }

    @Test
    void labelsEachWatcherOnEachNodeWithItsLiveFigures() {
        await().atMost(WITHIN).untilAsserted(() -> {
            List<PrometheusText.Sample> samples = scrape();
            for (String node : NODES) {
                Map<String, String> sleeper = Map.of("node", node, "watcher", "sleeper");
                assertThat(value(samples, "circusmeta_watcher_processes", sleeper)).isEqualTo(1);
                assertThat(value(samples, "circusmeta_watcher_cpu_percent", sleeper)).isGreaterThanOrEqualTo(0);
                assertThat(value(samples, "circusmeta_watcher_mem_percent", sleeper)).isGreaterThanOrEqualTo(0);
                assertThat(value(samples, "circusmeta_node_processes", Map.of("node", node))).isGreaterThanOrEqualTo(1);
            }
        });
    }

    @Test
    void countsTheCopiesOfAClusterWatcherWantedAndRunning() {
        await().atMost(WITHIN).untilAsserted(() -> {
            List<PrometheusText.Sample> samples = scrape();
            Map<String, String> spread = Map.of("watcher", "spread");
            assertThat(value(samples, "circusmeta_watcher_copies_wanted", spread)).isEqualTo(2);
            assertThat(value(samples, "circusmeta_watcher_copies_placed", spread)).isEqualTo(2);
            assertThat(value(samples, "circusmeta_watcher_copies_running", spread)).isEqualTo(2);
        });
    }

    @Test
    void carriesEveryDropwizardMetricThroughTheBridge() {
        List<PrometheusText.Sample> samples = scrape();

        assertThat(value(samples, "circusmeta_nodes_registered", Map.of())).isEqualTo(2);
        assertThat(samples).extracting(PrometheusText.Sample::name)
                .contains("circusmeta_nodes_state_attached", "circusmeta_command_fan_out_count",
                        "io_dropwizard_jetty_MutableServletContextHandler_requests_count");
    }

    @Test
    void answersInTheTextFormatThatParsesWhole() {
        Response response = MANAGER.admin().get("/metrics/prometheus");

        assertThat(response.status()).isEqualTo(200);
        assertThat(PrometheusText.parse(response.body())).hasSizeGreaterThan(20);
    }

    private static List<PrometheusText.Sample> scrape() {
        Response response = MANAGER.admin().get("/metrics/prometheus");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    private static double value(List<PrometheusText.Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + labels + " among "
                        + samples.stream().filter(s -> s.name().equals(name)).toList()))
                .value();
    }
}
