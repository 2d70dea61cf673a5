package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.circusmeta.manager.ClusterWatcherChecks.placements;
import static org.circusmeta.manager.ClusterWatcherChecks.records;
import static org.circusmeta.manager.ClusterWatcherChecks.running;
import static org.circusmeta.manager.ClusterWatcherChecks.sleeper;
import static org.circusmeta.manager.ManagerExtension.statusOf;

import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.circusmeta.client.ApiCall;
import org.circusmeta.client.ManagerClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Placements while the ZooKeeper ensemble loses its leader: no cluster watcher record is lost or doubled. */
@Timeout(150)
class ZooKeeperLeaderLossIT {
    private static final List<String> NODES = List.of("zk-n1", "zk-n2", "zk-n3");
    private static final int ADDS = 24;

    static {
        // The ensemble's servers answer 'srvr' (which one leads) only when allowed before they start.
        System.setProperty("zookeeper.4lw.commands.whitelist", "srvr");
    }

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.onEnsemble(3,
            ConfigOverride.config("placement.reconcileInterval", "500ms"));

    private static CuratorFramework curator;

    @BeforeAll
    static void start() {
        RealNodes nodes = MANAGER.realNodes("zk-loss-nodes");
        NODES.forEach(n -> nodes.start(n, ""));
        curator = MANAGER.curator();
        MANAGER.awaitAttached(NODES, Duration.ofSeconds(30));
    }


    @Test
    void noRecordIsLostOrDoubledWhenTheZooKeeperLeaderDiesDuringPlacements() throws Exception {
        ManagerClient api = MANAGER.api();
        TestingCluster cluster = MANAGER.ensemble();
        Map<String, Integer> statuses = new TreeMap<>();
        CompletableFuture<Void> adds = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < ADDS; i++) {
                int added = statusOf(api, ApiCall.add(sleeper("zw-" + i, Map.of())));
                synchronized (statuses) {
                    statuses.put("zw-" + i, added);
                }
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            synchronized (statuses) {
                return statuses.size() >= 4;
            }
        });
        assertThat(cluster.killServer(leader(cluster))).isTrue();
        adds.get();

        assertThat(statuses.values()).as(statuses.toString()).allSatisfy(s -> assertThat(s).isIn(201, 502, 503, 504));
        assertThat(statuses.values().stream().filter(s -> s == 201).count()).as("the adds before the kill")
                .isGreaterThanOrEqualTo(4);
        // How many adds fail while the ensemble elects a leader depends on how long that takes (longer
        // on a loaded machine); what must hold is that the manager takes adds again once it has one.
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> {
            int added = statusOf(api, ApiCall.add(sleeper("zw-after", Map.of())));
            if (added == 409) {
                added = 201; // an earlier try landed: its record is checked below like the others'
            }
            synchronized (statuses) {
                statuses.put("zw-after", added);
            }
            return added == 201;
        });
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, String> records = records(curator);
            Map<String, List<String>> where = placements(running(api, NODES), "zw-");
            statuses.forEach((name, status) -> {
                if (status == 201) {
                    assertThat(records).as("record of %s", name).containsKey(name);
                }
                if (records.containsKey(name)) {
                    assertThat(where.get(name)).as("%s runs once, where its record says", name).containsExactly(records.get(name));
                } else {
                    assertThat(where).as("%s has no record, so it runs nowhere", name).doesNotContainKey(name);
                }
            });
        });
    }

    /** The ensemble's leader, as its servers' {@code srvr} answers say. */
    private static InstanceSpec leader(TestingCluster cluster) throws IOException {
        for (InstanceSpec spec : cluster.getInstances()) {
            try (Socket socket = new Socket("127.0.0.1", spec.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write("srvr".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                if (new String(in.readAllBytes(), StandardCharsets.US_ASCII).contains("Mode: leader")) {
                    return spec;
                }
            }
        }
        throw new IllegalStateException("no ZooKeeper server of the test cluster says it leads");
    }
}
