package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.circusmeta.manager.ClusterWatcherChecks.counts;
import static org.circusmeta.manager.ClusterWatcherChecks.placements;
import static org.circusmeta.manager.ClusterWatcherChecks.records;
import static org.circusmeta.manager.ClusterWatcherChecks.running;
import static org.circusmeta.manager.ClusterWatcherChecks.sleeper;
import static org.circusmeta.manager.ManagerExtension.statusOf;

import io.dropwizard.testing.ConfigOverride;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.api.AddWatcherRequest;
import org.circusmeta.api.AddedWatcher;
import org.circusmeta.client.AdminClient;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.node.CircusNode;
import org.circusmeta.node.registry.NodeRegistrar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two manager replicas on one ZooKeeper and three real nodes: adds split over both, the leader
 * replica killed, then a node lost and back again. The tests run in order, each on what the one
 * before left.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {
    private static final Duration RESCHEDULE_AFTER = Duration.ofSeconds(2);
    private static final List<String> NODES = List.of("r-n1", "r-n2", "r-n3");

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.replicas(2,
            ConfigOverride.config("placement.rescheduleAfter", RESCHEDULE_AFTER.toMillis() + "ms"),
            ConfigOverride.config("placement.reconcileInterval", "500ms"));

    private static final List<CircusNode> STARTED = new ArrayList<>();
    private static RealNodes nodes;
    private static CuratorFramework curator;

    @BeforeAll
    static void start() {
        nodes = MANAGER.realNodes("replica-nodes");
        NODES.forEach(n -> STARTED.add(nodes.start(n, "")));
        curator = MANAGER.curator();
        MANAGER.awaitAttached(NODES, Duration.ofSeconds(30));
    }


    @Test
    @Order(1)
    void thirtyConcurrentAddsOverTwoReplicasAreBalancedAndEachPlacedOnce() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> adds = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ManagerClient api = MANAGER.api(i % 2);
                ApiCall<AddedWatcher> add = ApiCall.add(sleeper("rw-" + i, Map.of()));
                adds.add(clients.submit(() -> statusOf(api, add)));
            }
            for (Future<Integer> add : adds) {
                assertThat(add.get()).isEqualTo(201);
            }
        } finally {
            clients.shutdownNow();
        }
        Map<String, Set<String>> running = running(api(0), NODES);
        // 10 each by the process counts; the two replicas place at the same time and the load also holds
        // the cpu the stats report, so a busy moment can tip an add or two: balanced within 2.
        assertThat(counts(running, "rw-").values()).as(running.toString()).allSatisfy(n -> assertThat(n).isBetween(8, 12));
        Map<String, List<String>> where = placements(running, "rw-");
        assertThat(where).hasSize(30).allSatisfy((name, on) -> assertThat(on).hasSize(1));
        Map<String, String> records = records(curator);
        where.forEach((name, on) -> assertThat(records).containsEntry(name, on.get(0)));
    }

    @Test
    @Order(2)
    void theOtherReplicaTakesOverAndMovesWatchersOffALostNodeButNotThePinnedOne() {
        assertThat(statusOf(api(0), ApiCall.add(new AddWatcherRequest("pinned", "sleep 600", null, null, null, null, null,
                "r-n1", null, null)))).isEqualTo(201);
        int leader = leaderIndex();
        MANAGER.stop(leader);
        AdminClient admin = MANAGER.admin(1 - leader);
        await().atMost(Duration.ofSeconds(10)).until(() -> isLeader(admin));
        ManagerClient api = MANAGER.api(1 - leader);

        Set<String> lost = running(api, List.of("r-n1")).get("r-n1");
        assertThat(lost).contains("pinned").hasSizeGreaterThan(5);
        long killed = System.nanoTime();
        STARTED.get(0).registrar().orElseThrow().close();
        await().atMost(RESCHEDULE_AFTER.plusSeconds(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, List<String>> where = placements(running(api, List.of("r-n2", "r-n3")), "rw-");
            return lost.stream().filter(w -> w.startsWith("rw-")).allMatch(where::containsKey);
        });
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThanOrEqualTo(RESCHEDULE_AFTER.plusSeconds(2));
        assertThat(running(api, List.of("r-n2", "r-n3")).values()).noneMatch(names -> names.contains("pinned"));
        assertThat(records(curator)).as("recorded as pinned, never moved").containsEntry("pinned", "r-n1");

        try (NodeRegistrar back = nodes.register(STARTED.get(0), "r-n1")) {
            await().atMost(Duration.ofSeconds(15)).until(() -> running(api, NODES).get("r-n1").equals(Set.of("pinned")));
            Map<String, List<String>> where = placements(running(api, NODES), "rw-");
            assertThat(where).hasSize(30).allSatisfy((name, on) -> assertThat(on).hasSize(1));
            Map<String, String> records = records(curator);
            where.forEach((name, on) -> assertThat(records).containsEntry(name, on.get(0)));
        }
    }

    private static ManagerClient api(int replica) {
        return MANAGER.api(replica);
    }

    private static int leaderIndex() {
        await().atMost(Duration.ofSeconds(10)).until(() -> isLeader(MANAGER.admin(0)) || isLeader(MANAGER.admin(1)));
        return isLeader(MANAGER.admin(0)) ? 0 : 1;
    }

    private static boolean isLeader(AdminClient admin) {
        return admin.metrics().path("gauges").path("circusmeta.placement.leader").path("value").asInt() == 1;
    }
}
