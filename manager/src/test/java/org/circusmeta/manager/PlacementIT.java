package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.circusmeta.manager.ClusterWatcherChecks.addBody;
import static org.circusmeta.manager.ClusterWatcherChecks.counts;
import static org.circusmeta.manager.ClusterWatcherChecks.records;
import static org.circusmeta.manager.ClusterWatcherChecks.running;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Placement by load (SPEC §4.3) with real circusmeta-nodes and their stats streams: three sets of
 * nodes told apart by a label, so that each test's constraints keep it to its own set.
 */
@Timeout(120)
class PlacementIT {
    private static final List<String> EQUAL = List.of("eq-1", "eq-2", "eq-3");
    private static final List<String> CAPACITY = List.of("cap-a", "cap-b", "cap-c");
    private static final List<String> BUSY = List.of("busy-1", "busy-2", "busy-3");

    @RegisterExtension
    @Order(0)
    static final ZooKeeperExtension ZK = new ZooKeeperExtension();

    @RegisterExtension
    @Order(1)
    static final DropwizardAppExtension<ManagerConfiguration> APP = ManagerApps.app(ZK.connectString());

    private static RealNodes nodes;
    private static CuratorFramework curator;
    private static Http api;

    @BeforeAll
    static void startNodes() {
        nodes = new RealNodes(ZK.connectString(), "placement-nodes");
        curator = ZooKeeperClients.newClient(ZK.connectString());
        curator.start();
        EQUAL.forEach(n -> nodes.start(n, "", Map.of("set", "eq"), 1.0));
        nodes.start("cap-a", "", Map.of("set", "cap"), 1.0);
        nodes.start("cap-b", "", Map.of("set", "cap"), 1.0);
        nodes.start("cap-c", "", Map.of("set", "cap"), 2.0);
        nodes.start("busy-1", RealNodes.watcher("spin", "sh -c 'while :; do :; done'", 1), Map.of("set", "busy"), 1.0);
        nodes.start("busy-2", "", Map.of("set", "busy"), 1.0);
        nodes.start("busy-3", "", Map.of("set", "busy"), 1.0);
        api = ManagerApps.api(APP);
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of(EQUAL, CAPACITY, BUSY).stream().flatMap(List::stream)
                .allMatch(n -> api.stateOf(n).equals("attached")));
    }

    @AfterAll
    static void stopNodes() {
        nodes.close();
        curator.close();
    }

    @Test
    void spreadsABurstEvenlyOverEqualIdleNodesAndRecordsEachWatcher() {
        assertThat(addAll("even-", 12, "eq")).isEqualTo(Map.of("eq-1", 4, "eq-2", 4, "eq-3", 4));
        Map<String, Set<String>> running = running(api, EQUAL);
        assertThat(counts(running, "even-")).isEqualTo(Map.of("eq-1", 4, "eq-2", 4, "eq-3", 4));
        Map<String, String> records = records(curator);
        running.forEach((node, names) -> names.forEach(w -> assertThat(records).containsEntry(w, node)));
        assertThat(api.get("/api/watchers").json()).filteredOn(w -> w.path("name").asText().startsWith("even-"))
                .hasSize(12).allSatisfy(w -> assertThat(w.path("cluster").asBoolean()).isTrue());
    }

    @Test
    void givesANodeOfCapacityTwoTwiceTheWatchers() {
        assertThat(addAll("cap-", 12, "cap")).isEqualTo(Map.of("cap-a", 3, "cap-b", 3, "cap-c", 6));
    }

    @Test
    void givesABusyNodeFewerWatchers() {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                api.get("/api/stats").json().path("nodes").path("busy-1").path("cpu").asDouble() > 20);
        Map<String, Integer> counts = addAll("calm-", 12, "busy");
        assertThat(counts.getOrDefault("busy-1", 0)).as(counts.toString())
                .isLessThan(counts.getOrDefault("busy-2", 0))
                .isLessThan(counts.getOrDefault("busy-3", 0));
    }

    @Test
    void answers409WithWhyEachNodeWasRejectedWhenNoneFits() {
        Http.Response refused = api.post("/api/watchers", addBody("nowhere", Map.of("set", "mars")));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("message").asText())
                .contains("no node can take watcher 'nowhere'")
                .contains("eq-1: label set is 'eq', not 'mars'")
                .contains("cap-c: label set is 'cap', not 'mars'");
        assertThat(records(curator)).doesNotContainKey("nowhere");
    }

    /** Adds n watchers one after the other with the set's constraint; where each went, per node. */
    private static Map<String, Integer> addAll(String prefix, int n, String set) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            Http.Response added = api.post("/api/watchers", addBody(prefix + i, Map.of("set", set)));
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            counts.merge(added.json().path("node").asText(), 1, Integer::sum);
        }
        return counts;
    }
}
