package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.node.CircusNode;
import org.circusmeta.node.NodeHost;
import org.circusmeta.node.config.NodeConfig;
import org.circusmeta.node.registry.NodeRegistration;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real circusmeta-nodes, registered by their own registrar, driven through the manager's API. */
@Timeout(90)
class EndToEndIT {
    private static final String INI = "[circus]\nendpoint = tcp://127.0.0.1:0\npubsub_endpoint = tcp://127.0.0.1:0\n"
            + "stats_endpoint = tcp://127.0.0.1:0\n[watcher:sleeper]\ncmd = sleep 4302\nnumprocesses = 1\n";

    @RegisterExtension
    @Order(0)
    static final ZooKeeperExtension ZK = new ZooKeeperExtension();

    @RegisterExtension
    @Order(1)
    static final DropwizardAppExtension<ManagerConfiguration> APP = ManagerApps.app(ZK.connectString());

    private static CuratorFramework curator;
    private static NodeHost host;
    private static final List<CircusNode> NODES = new ArrayList<>();

    @BeforeAll
    static void startNodes() {
        curator = ZooKeeperClients.newClient(ZK.connectString());
        curator.start();
        host = NodeHost.start("e2e-nodes");
        for (int i = 0; i < 3; i++) {
            CircusNode node = new CircusNode(NodeConfig.parse(INI, "e2e.ini"), host, NodeRegistration.of(curator, "e2e-" + i));
            node.start();
            NODES.add(node);
        }
    }

    @AfterAll
    static void stopNodes() {
        NODES.forEach(CircusNode::close);
        host.close();
        curator.close();
    }

    @Test
    void attachesRealNodesAndRunsTheirWatchers() {
        Http api = ManagerApps.api(APP);
        await().atMost(Duration.ofSeconds(20)).until(() -> List.of("e2e-0", "e2e-1", "e2e-2").stream()
                .allMatch(n -> api.stateOf(n).equals("attached")));
        JsonNode first = NodeLifecycleIT.find(api.get("/api/nodes").json(), "e2e-0");
        assertThat(first.path("kind").asText()).isEqualTo("circusmeta-node");
        assertThat(first.path("endpoint").asText()).isEqualTo(NODES.get(0).endpoint());

        JsonNode results = api.post("/api/command", "{\"command\": \"numwatchers\"}").json().path("results");
        for (int i = 0; i < 3; i++) {
            assertThat(results.path("e2e-" + i).path("numwatchers").asInt()).isEqualTo(1);
        }

        JsonNode incr = api.post("/api/watchers/sleeper/incr?node=e2e-1&nb=1").json().path("results");
        assertThat(incr.path("e2e-1").path("status").asText()).isEqualTo("ok");
        await().atMost(Duration.ofSeconds(10)).until(() -> sleeperProcesses(api, "e2e-1") == 2);
        assertThat(sleeperProcesses(api, "e2e-0")).isEqualTo(1);

        Http.Response added = api.post("/api/watchers", "{\"name\": \"extra\", \"cmd\": \"sleep\", \"args\": [\"4303\"]}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String node = added.json().path("node").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/nodes/" + node).json().path("watchers").size() == 2);
        assertThat(api.delete("/api/watchers/extra").json().path("results").path(node).path("status").asText()).isEqualTo("ok");
    }

    private static int sleeperProcesses(Http api, String node) {
        for (JsonNode w : api.get("/api/watchers").json()) {
            if (w.path("name").asText().equals("sleeper")) {
                return w.path("nodes").path(node).path("numprocesses").asInt(-1);
            }
        }
        return -1;
    }
}
