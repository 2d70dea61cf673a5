package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.circusmeta.manager.ClusterWatcherChecks.addBody;
import static org.circusmeta.manager.ClusterWatcherChecks.counts;
import static org.circusmeta.manager.ClusterWatcherChecks.placements;
import static org.circusmeta.manager.ClusterWatcherChecks.records;
import static org.circusmeta.manager.ClusterWatcherChecks.running;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.node.CircusNode;
import org.circusmeta.node.registry.NodeRegistrar;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.junit.jupiter.api.AfterAll;
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
    @Order(0)
    static final ZooKeeperExtension ZK = new ZooKeeperExtension();

    private static final List<DropwizardTestSupport<ManagerConfiguration>> REPLICAS = new ArrayList<>();
    private static final List<CircusNode> STARTED = new ArrayList<>();
    private static RealNodes nodes;
    private static CuratorFramework curator;

    @BeforeAll
    static void start() throws Exception {
        for (int i = 0; i < 2; i++) {
            DropwizardTestSupport<ManagerConfiguration> replica = ManagerApps.replica(ZK.connectString(),
                    ConfigOverride.config("placement.rescheduleAfter", RESCHEDULE_AFTER.toMillis() + "ms"),
                    ConfigOverride.config("placement.reconcileInterval", "500ms"));
            replica.before();
            REPLICAS.add(replica);
        }
        nodes = new RealNodes(ZK.connectString(), "replica-nodes");
        NODES.forEach(n -> STARTED.add(nodes.start(n, "")));
        curator = ZooKeeperClients.newClient(ZK.connectString());
        curator.start();
        for (DropwizardTestSupport<ManagerConfiguration> replica : REPLICAS) {
            Http api = new Http(replica.getLocalPort());
            await().atMost(Duration.ofSeconds(30)).until(() -> NODES.stream().allMatch(n -> api.stateOf(n).equals("attached")));
        }
    }

    @AfterAll
    static void stop() {
        REPLICAS.forEach(DropwizardTestSupport::after);
        nodes.close();
        curator.close();
        // Each replica's config overrides are system properties, each restoring on stop what it found on start;
        // two that overlap leave the first one's behind, which later test classes would read.
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("dw.")).forEach(System::clearProperty);
    }

    @Test
    @Order(1)
    void thirtyConcurrentAddsOverTwoReplicasAreBalancedAndEachPlacedOnce() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<Http.Response>> adds = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Http api = new Http(REPLICAS.get(i % 2).getLocalPort());
                String body = addBody("rw-" + i, Map.of());
                adds.add(clients.submit(() -> api.post("/api/watchers", body)));
            }
            for (Future<Http.Response> add : adds) {
                assertThat(add.get().status()).as(add.get().body()).isEqualTo(201);
            }
        } finally {
            clients.shutdownNow();
        }
        Map<String, Set<String>> running = running(api(0), NODES);
        assertThat(counts(running, "rw-").values()).as(running.toString()).allSatisfy(n -> assertThat(n).isBetween(9, 11));
        Map<String, List<String>> where = placements(running, "rw-");
        assertThat(where).hasSize(30).allSatisfy((name, on) -> assertThat(on).hasSize(1));
        Map<String, String> records = records(curator);
        where.forEach((name, on) -> assertThat(records).containsEntry(name, on.get(0)));
    }

    @Test
    @Order(2)
    void theOtherReplicaTakesOverAndMovesWatchersOffALostNodeButNotThePinnedOne() {
        assertThat(api(0).post("/api/watchers", "{\"name\": \"pinned\", \"cmd\": \"sleep 600\", \"node\": \"r-n1\"}").status())
                .isEqualTo(201);
        int leader = leaderIndex();
        REPLICAS.get(leader).after();
        DropwizardTestSupport<ManagerConfiguration> survivor = REPLICAS.get(1 - leader);
        Http admin = new Http(survivor.getAdminPort());
        await().atMost(Duration.ofSeconds(10)).until(() -> isLeader(admin));
        Http api = new Http(survivor.getLocalPort());

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
        assertThat(records(curator)).doesNotContainKey("pinned");

        try (NodeRegistrar back = nodes.register(STARTED.get(0), "r-n1")) {
            await().atMost(Duration.ofSeconds(15)).until(() -> running(api, NODES).get("r-n1").equals(Set.of("pinned")));
            Map<String, List<String>> where = placements(running(api, NODES), "rw-");
            assertThat(where).hasSize(30).allSatisfy((name, on) -> assertThat(on).hasSize(1));
            Map<String, String> records = records(curator);
            where.forEach((name, on) -> assertThat(records).containsEntry(name, on.get(0)));
        }
    }

    private static Http api(int replica) {
        return new Http(REPLICAS.get(replica).getLocalPort());
    }

    private static int leaderIndex() {
        await().atMost(Duration.ofSeconds(10)).until(() -> isLeader(new Http(REPLICAS.get(0).getAdminPort()))
                || isLeader(new Http(REPLICAS.get(1).getAdminPort())));
        return isLeader(new Http(REPLICAS.get(0).getAdminPort())) ? 0 : 1;
    }

    private static boolean isLeader(Http admin) {
        return admin.get("/metrics").json().path("gauges").path("circusmeta.placement.leader").path("value").asInt() == 1;
    }
}
