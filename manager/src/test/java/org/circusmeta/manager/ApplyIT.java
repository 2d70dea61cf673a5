package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.circusmeta.manager.ManagerExtension.refusal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.circusmeta.api.CommandRequest;
import org.circusmeta.api.OperationView;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.client.ManagerRefused;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.registration.record.RegistryPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Desired state with real circusmeta-nodes: a file of five watchers planned, applied, applied again
 * (nothing to do), one changed and replaced one copy at a time (sampled every 100 ms: one copy runs
 * throughout), a bad key refused naming its watcher with nothing changed, and a prune.
 */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplyIT {
    private static final List<String> NODES = List.of("apply-1", "apply-2", "apply-3");
    private static final List<String> NAMES = List.of("ap-a", "ap-b", "ap-c", "ap-d", "ap-e");

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig();

    private static ManagerClient api;

    @BeforeAll
    static void startNodes() {
        RealNodes nodes = MANAGER.realNodes("apply-nodes");
        NODES.forEach(n -> nodes.start(n, "", Map.of("set", "apply"), 1.0));
        MANAGER.awaitAttached(NODES, Duration.ofSeconds(30));
        api = MANAGER.api();
    }

    /** Five watchers: ap-a of two copies, the others of one; ap-a's sleep as given. */
    private static String file(String sleepA, String... only) {
        StringBuilder yaml = new StringBuilder("watchers:\n");
        yaml.append("  - name: ap-a\n    cmd: sleep ").append(sleepA).append("\n    instances: 2\n    constraints: {set: apply}\n");
        for (String name : NAMES.subList(1, NAMES.size())) {
            if (only.length == 0 || List.of(only).contains(name)) {
                yaml.append("  - name: ").append(name).append("\n    cmd: sleep\n    args: [\"700\"]\n    numprocesses: 1\n");
            }
        }
        return yaml.toString();
    }

    @Test
    @Order(1)
    void plansFiveAddsThenAppliesThemThenFindsNothingToDo() {
        OperationView plan = api.apply(file("600"), true, false);
        assertThat(plan.state()).isEqualTo("done");
        assertThat(plan.steps()).extracting(OperationView.Step::watcher).containsExactlyElementsOf(NAMES);
        assertThat(plan.steps()).extracting(OperationView.Step::result).containsOnly("to-add");
        assertThat(records()).as("a dry run changes nothing").isEmpty();

        OperationView applied = api.apply(file("600"), false, false);
        assertThat(applied.state()).as(applied.toString()).isEqualTo("done");
        assertThat(applied.steps()).extracting(OperationView.Step::result).containsOnly("added");
        assertThat(records()).containsOnlyKeys(NAMES);
        assertThat(running().get("ap-a")).hasSize(2);
        Map<String, Set<Long>> before = pids("ap-b");

        OperationView again = api.apply(file("600"), false, false);
        assertThat(again.state()).isEqualTo("done");
        assertThat(again.steps()).extracting(OperationView.Step::result).containsOnly("unchanged");
        assertThat(again.message()).contains("0 added, 0 changed, 5 unchanged");
        assertThat(pids("ap-b")).as("nothing restarted").isEqualTo(before);
    }

    @Test
    @Order(2)
    void replacesAChangedCmdOneCopyAtATime() {
        Map<String, Set<Long>> before = pids("ap-a");
        OperationView changed;
        try (Sampler sampler = new Sampler("ap-a")) {
            changed = api.apply(file("601"), false, false);
            assertThat(sampler.fewest()).as("the fewest nodes running ap-a active, in %d samples", sampler.samples())
                    .isGreaterThanOrEqualTo(1);
        }
        assertThat(changed.state()).as(changed.toString()).isEqualTo("done");
        assertThat(changed.steps()).extracting(OperationView.Step::result).containsExactly("changed", "unchanged",
                "unchanged", "unchanged", "unchanged");
        assertThat(changed.steps().get(0).reason()).isEqualTo("cmd changed");
        assertThat(records().get("ap-a").definition().cmd()).isEqualTo("sleep 601");
        Map<String, Set<Long>> after = pids("ap-a");
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((node, pids) -> assertThat(pids).as(node).hasSize(1).doesNotContainAnyElementsOf(before.get(node)));
        assertThat(api.apply(file("601"), true, false).steps()).extracting(OperationView.Step::result)
                .containsOnly("unchanged");
    }

    @Test
    @Order(3)
    void refusesABadKeyNamingItsWatcherAndChangesNothing() {
        Map<String, ClusterWatcherRecord> before = records();
        ManagerRefused refused = refusal(() -> api.apply(file("602").replace("numprocesses: 1\n", "numprocesess: 1\n"), false,
                false));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.reason()).contains("watcher ap-b: numprocesess: unknown key").contains("nothing was changed");
        assertThat(records()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void prunesTheClusterWatchersTheFileDoesNotName() {
        OperationView pruned = api.apply(file("601", "ap-b", "ap-c"), false, true);
        assertThat(pruned.state()).as(pruned.toString()).isEqualTo("done");
        assertThat(pruned.steps()).extracting(OperationView.Step::watcher).containsExactly("ap-a", "ap-b", "ap-c", "ap-d",
                "ap-e");
        assertThat(pruned.steps()).extracting(OperationView.Step::result).containsExactly("unchanged", "unchanged",
                "unchanged", "removed", "removed");
        assertThat(records()).containsOnlyKeys("ap-a", "ap-b", "ap-c");
        // circus's rm answers before the node has stopped the watcher.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(running()).doesNotContainKeys("ap-d", "ap-e"));
    }

    private static Map<String, List<String>> running() {
        return ClusterWatcherChecks.placements(ClusterWatcherChecks.running(api, NODES), "ap-");
    }

    /** Each node's pids of the watcher, on the nodes that run it. */
    private static Map<String, Set<Long>> pids(String watcher) {
        ObjectNode name = CircusJson.object().put("name", watcher);
        Map<String, Set<Long>> pids = new TreeMap<>();
        api.command(new CommandRequest("list", name, NODES)).results().forEach((node, reply) -> {
            if (reply.path("pids").isArray()) {
                Set<Long> set = new TreeSet<>();
                reply.path("pids").forEach(p -> set.add(p.asLong()));
                pids.put(node, set);
            }
        });
        return pids;
    }

    private static Map<String, ClusterWatcherRecord> records() {
        Map<String, ClusterWatcherRecord> records = new TreeMap<>();
        try {
            if (MANAGER.curator().checkExists().forPath(RegistryPaths.WATCHERS) == null) {
                return records;
            }
            for (String key : MANAGER.curator().getChildren().forPath(RegistryPaths.WATCHERS)) {
                ClusterWatcherRecord.parse(MANAGER.curator().getData().forPath(RegistryPaths.watcher(key)))
                        .filter(r -> !r.removing()).ifPresent(r -> records.put(key, r));
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not read " + RegistryPaths.WATCHERS, e);
        }
        return records;
    }

    /** Every 100 ms, on how many nodes the watcher is {@code active}: the fewest seen. */
    private static final class Sampler implements AutoCloseable {
        private final AtomicInteger fewest = new AtomicInteger(Integer.MAX_VALUE);
        private final Sampling sampling;

        Sampler(String watcher) {
            ObjectNode name = CircusJson.object().put("name", watcher);
            sampling = new Sampling(() -> {
                Map<String, ObjectNode> status = api.command(new CommandRequest("status", name, NODES)).results();
                fewest.accumulateAndGet((int) status.values().stream()
                        .filter(r -> "active".equals(r.path("status").asText())).count(), Math::min);
            });
        }

        int fewest() {
            return fewest.get();
        }

        int samples() {
            return sampling.samples();
        }

        @Override
        public void close() {
            sampling.close();
            assertThat(sampling.errors()).isEmpty();
        }
    }
}
