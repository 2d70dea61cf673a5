package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.circusmeta.manager.ClusterWatcherChecks.counts;
import static org.circusmeta.manager.ClusterWatcherChecks.records;
import static org.circusmeta.manager.ClusterWatcherChecks.running;
import static org.circusmeta.manager.ClusterWatcherChecks.sleeper;
import static org.circusmeta.manager.ManagerExtension.refusal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.api.AddedWatcher;
import org.circusmeta.api.StatsView;
import org.circusmeta.client.Answer;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.client.ManagerRefused;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Placement by load with real circusmeta-nodes and their stats streams: three sets of
 * nodes told apart by a label, so that each test's constraints keep it to its own set.
 */
@Timeout(120)
class PlacementIT {
    private static final List<String> EQUAL = List.of("eq-1", "eq-2", "eq-3");
    private static final List<String> CAPACITY = List.of("cap-a", "cap-b", "cap-c");
    private static final List<String> BUSY = List.of("busy-1", "busy-2", "busy-3");

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig();

    private static CuratorFramework curator;
    private static ManagerClient api;

    @BeforeAll
    static void startNodes() {
        RealNodes nodes = MANAGER.realNodes("placement-nodes");
        curator = MANAGER.curator();
        EQUAL.forEach(n -> nodes.start(n, "", Map.of("set", "eq"), 1.0));
        nodes.start("cap-a", "", Map.of("set", "cap"), 1.0);
        nodes.start("cap-b", "", Map.of("set", "cap"), 1.0);
        nodes.start("cap-c", "", Map.of("set", "cap"), 2.0);
        nodes.start("busy-1", RealNodes.watcher("spin", "sh -c 'while :; do :; done'", 1), Map.of("set", "busy"), 1.0);
        nodes.start("busy-2", "", Map.of("set", "busy"), 1.0);
        nodes.start("busy-3", "", Map.of("set", "busy"), 1.0);
        api = MANAGER.api();
        MANAGER.awaitAttached(List.of(EQUAL, CAPACITY, BUSY).stream().flatMap(List::stream).toList(), Duration.ofSeconds(30));
    }


    @Test
    void spreadsABurstEvenlyOverEqualIdleNodesAndRecordsEachWatcher() {
        assertThat(addAll("even-", 12, "eq")).isEqualTo(Map.of("eq-1", 4, "eq-2", 4, "eq-3", 4));
        Map<String, Set<String>> running = running(api, EQUAL);
        assertThat(counts(running, "even-")).isEqualTo(Map.of("eq-1", 4, "eq-2", 4, "eq-3", 4));
        Map<String, String> records = records(curator);
        running.forEach((node, names) -> names.forEach(w -> assertThat(records).containsEntry(w, node)));
        assertThat(api.watchers()).filteredOn(w -> w.name().startsWith("even-"))
                .hasSize(12).allSatisfy(w -> assertThat(w.cluster()).isTrue());
    }

    @Test
    void givesANodeOfCapacityTwoTwiceTheWatchers() {
        // 3, 3 and 6 by the process counts alone; the load also holds the cpu the stats streams report,
        // and a new process's first samples can tip one add to a neighbour: one watcher either way.
        Map<String, Integer> counts = addAll("cap-", 12, "cap");
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(12);
        assertThat(counts.getOrDefault("cap-c", 0)).as(counts.toString()).isBetween(5, 7);
        assertThat(counts.getOrDefault("cap-a", 0)).as(counts.toString()).isBetween(2, 4);
        assertThat(counts.getOrDefault("cap-b", 0)).as(counts.toString()).isBetween(2, 4);
        assertThat(counts.getOrDefault("cap-c", 0)).as(counts.toString())
                .isGreaterThan(counts.getOrDefault("cap-a", 0)).isGreaterThan(counts.getOrDefault("cap-b", 0));
    }

    @Test
    void givesABusyNodeFewerWatchers() {
        await().atMost(Duration.ofSeconds(20)).until(() -> Optional.ofNullable(api.stats().nodes().get("busy-1"))
                .map(StatsView.NodeStats::cpu).orElse(0.0) > 20);
        Map<String, Integer> counts = addAll("calm-", 12, "busy");
        assertThat(counts.getOrDefault("busy-1", 0)).as(counts.toString())
                .isLessThan(counts.getOrDefault("busy-2", 0))
                .isLessThan(counts.getOrDefault("busy-3", 0));
    }

    @Test
    void answers409WithWhyEachNodeWasRejectedWhenNoneFits() {
        ManagerRefused refused = refusal(() -> api.add(sleeper("nowhere", Map.of("set", "mars"))));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.reason())
                .contains("no node can take watcher 'nowhere'")
                .contains("eq-1: label set is 'eq', not 'mars'")
                .contains("cap-c: label set is 'cap', not 'mars'");
        assertThat(records(curator)).doesNotContainKey("nowhere");
    }

    /** Adds n watchers one after the other with the set's constraint; where each went, per node. */
    private static Map<String, Integer> addAll(String prefix, int n, String set) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            Answer<AddedWatcher> added = api.answer(ApiCall.add(sleeper(prefix + i, Map.of("set", set))));
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            counts.merge(added.value().node(), 1, Integer::sum);
        }
        return counts;
    }
}
