package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.circusmeta.manager.ClusterWatcherChecks.sleeper;
import static org.circusmeta.manager.ManagerExtension.refusal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.circusmeta.api.AddWatcherRequest;
import org.circusmeta.api.CommandRequest;
import org.circusmeta.api.DrainRequest;
import org.circusmeta.api.InstancesValue;
import org.circusmeta.api.OperationEvent;
import org.circusmeta.api.OperationView;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.client.ManagerRefused;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Drains with real circusmeta-nodes and real processes: a node holding two placed watchers, two
 * watchers of two copies and a pinned one is drained two watchers at a time; sampled every 100 ms,
 * every cluster watcher runs somewhere active throughout; each ends on other nodes, the pinned one
 * stays and is named; the node stays cordoned, through a manager restart, until uncordoned.
 */
@Timeout(180)
class DrainIT {
    private static final List<String> NODES = List.of("drain-1", "drain-2", "drain-3");
    private static final List<String> MOVED = List.of("dk-0", "dk-1", "dw-0", "dw-1");

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig();

    private static ManagerClient api;

    @BeforeAll
    static void startNodesAndPlaceWatchersOnTheFirst() {
        RealNodes nodes = MANAGER.realNodes("drain-nodes");
        NODES.forEach(n -> nodes.start(n, "", Map.of("set", "drain", "id", n), 1.0));
        MANAGER.awaitAttached(NODES, Duration.ofSeconds(30));
        api = MANAGER.api();
        api.cordon("drain-2");
        api.cordon("drain-3");
        for (String name : List.of("dw-0", "dw-1")) {
            assertThat(api.add(sleeper(name, Map.of("set", "drain"))).node()).isEqualTo("drain-1");
        }
        api.uncordon("drain-2");
        for (String name : List.of("dk-0", "dk-1")) {
            api.add(copies(name, 2));
        }
        api.add(pinned("dp-0", "drain-1"));
        api.uncordon("drain-3");
        await().atMost(Duration.ofSeconds(20)).until(() -> ClusterWatcherChecks.placements(
                ClusterWatcherChecks.running(api, NODES), "d").equals(Map.of("dk-0", List.of("drain-1", "drain-2"),
                        "dk-1", List.of("drain-1", "drain-2"), "dp-0", List.of("drain-1"), "dw-0", List.of("drain-1"),
                        "dw-1", List.of("drain-1"))));
    }

    @Test
    void movesEveryClusterWatcherOffWithARunningCopyThroughoutAndKeepsTheNodeCordoned() {
        List<OperationEvent> events = new CopyOnWriteArrayList<>();
        OperationView done;
        try (Sampler sampler = new Sampler(MOVED)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> sampler.samples() > 0);
            int before = sampler.samples();
            done = api.follow(ApiCall.drain("drain-1", new DrainRequest(2, "2m")), line -> events.add(line.value()));
            await().atMost(Duration.ofSeconds(10)).until(() -> sampler.samples() > before + 1);
            assertThat(sampler.fewest()).as("the fewest active copies of any watcher, in %d samples from before the drain to"
                    + " after it: %s", sampler.samples(), sampler.worstMoments()).isGreaterThanOrEqualTo(1);
            assertThat(sampler.errors()).isEmpty();
        }

        assertThat(done.state()).as(done.toString()).isEqualTo("done");
        assertThat(done.kind()).isEqualTo("drain");
        assertThat(done.steps()).extracting(OperationView.Step::watcher).containsExactly("dk-0", "dk-1", "dp-0", "dw-0",
                "dw-1");
        assertThat(done.steps()).extracting(OperationView.Step::result).containsExactly("moved", "moved", "pinned", "moved",
                "moved");
        assertThat(done.message()).contains("moved 4 of 4").contains("pinned, staying: dp-0");
        assertThat(events).as("progress streamed as it went").hasSizeGreaterThan(2);
        assertThat(api.operations()).extracting(OperationView::id).contains(done.id());

        // circus's rm answers before the node has stopped the watcher.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, List<String>> where = ClusterWatcherChecks.placements(ClusterWatcherChecks.running(api, NODES), "d");
            assertThat(where.get("dp-0")).containsExactly("drain-1");
            for (String name : MOVED) {
                assertThat(where.get(name)).as(name).doesNotContain("drain-1").isNotEmpty();
            }
            assertThat(where.get("dk-0")).containsExactlyInAnyOrder("drain-2", "drain-3");
        });
        assertThat(ManagerExtension.node(api.nodes(), "drain-1").eligible()).isFalse();
        assertNoPlacementOn("drain-1");

        MANAGER.restart(0);
        MANAGER.awaitAttached(NODES, Duration.ofSeconds(30));
        api = MANAGER.api();
        assertThat(ManagerExtension.node(api.nodes(), "drain-1").eligible()).isFalse();
        assertNoPlacementOn("drain-1");
        assertThat(ClusterWatcherChecks.running(api, NODES).get("drain-1")).as("nothing came back").doesNotContain(MOVED
                .toArray(String[]::new));

        api.uncordon("drain-1");
        assertThat(api.add(sleeper("dw-after", Map.of("id", "drain-1"))).node()).isEqualTo("drain-1");
    }

    @Test
    void refusesADrainOfAnUnknownNodeOrWithABadBody() {
        assertThat(refusal(() -> api.drain("nowhere", new DrainRequest(null, null))).status()).isEqualTo(404);
        assertThat(refusal(() -> api.drain("drain-3", new DrainRequest(0, null))).status()).isEqualTo(422);
        assertThat(refusal(() -> api.drain("drain-3", new DrainRequest(1, "soon"))).reason())
                .contains("deadline: 'soon' is not a duration");
        assertThat(ManagerExtension.node(api.nodes(), "drain-3").eligible()).as("nothing asked, nothing cordoned").isTrue();
    }

    private static void assertNoPlacementOn(String node) {
        ManagerRefused refused = refusal(() -> api.add(sleeper("only-" + node + "-" + System.nanoTime(), Map.of("id", node))));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.reason()).contains(node + ": cordoned");
    }

    private static AddWatcherRequest copies(String name, int count) {
        AddWatcherRequest one = sleeper(name, Map.of("set", "drain"));
        return new AddWatcherRequest(name, one.cmd(), one.args(), null, null, null, null, null, one.constraints(), null,
                InstancesValue.of(count), null);
    }

    private static AddWatcherRequest pinned(String name, String node) {
        AddWatcherRequest one = sleeper(name, Map.of());
        return new AddWatcherRequest(name, one.cmd(), one.args(), null, null, null, null, node, null, null, null, null);
    }

    /** Every 100 ms, on how many nodes each watcher is {@code active}: the fewest seen for any of them. */
    private static final class Sampler implements AutoCloseable {
        private final AtomicInteger fewest = new AtomicInteger(Integer.MAX_VALUE);
        private final Map<String, Integer> worst = new ConcurrentHashMap<>();
        private final Sampling sampling;

        Sampler(List<String> watchers) {
            sampling = new Sampling(() -> {
                Map<String, ObjectNode> status = api.command(new CommandRequest("status", null, NODES)).results();
                for (String watcher : watchers) {
                    int active = 0;
                    for (String node : NODES) {
                        active += "active".equals(status.get(node).path("statuses").path(watcher).asText()) ? 1 : 0;
                    }
                    fewest.accumulateAndGet(active, Math::min);
                    worst.merge(watcher, active, Math::min);
                }
            });
        }

        int fewest() {
            return fewest.get();
        }

        int samples() {
            return sampling.samples();
        }

        Map<String, Integer> worstMoments() {
            return new TreeMap<>(worst);
        }

        List<String> errors() {
            return sampling.errors();
        }

        @Override
        public void close() {
            sampling.close();
        }
    }
}
