package org.circusmeta.node.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.circusmeta.node.CircusNode;
import org.circusmeta.node.NodeHost;
import org.circusmeta.node.config.NodeConfig;
import org.circusmeta.protocol.Endpoint;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.client.CircusClient;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Nodes hosted in this JVM register themselves with the ports they bound, and leave when they end. */
class RegistrationIT {
    private static final String INI = "[circus]\nendpoint = tcp://127.0.0.1:0\npubsub_endpoint = tcp://127.0.0.1:0\n"
            + "stats_endpoint = tcp://127.0.0.1:0\n[watcher:w]\ncmd = sleep 4301\n";
    private static TestingServer zk;
    private static CuratorFramework curator;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zk = new TestingServer(true);
        curator = ZooKeeperClients.newClient(zk.getConnectString());
        curator.start();
        assertThat(ZooKeeperClients.awaitConnected(curator, Duration.ofSeconds(20))).isTrue();
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        curator.close();
        zk.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aNodeRegistersItsBoundEndpointsAndDeregistersOnQuit() throws Exception {
        try (NodeHost host = NodeHost.start("registration-test")) {
            NodeRegistration how = new NodeRegistration(curator, "lib-node", Map.of("zone", "t"), 2.0, Optional.empty(),
                    Optional.empty());
            CircusNode node = new CircusNode(NodeConfig.parse(INI, "t.ini"), host, how);
            node.start();
            assertThat(node.registrar().orElseThrow().awaitRegistered(Duration.ofSeconds(20))).isTrue();

            NodeRecord record = read("lib-node");
            assertThat(record.kind()).isEqualTo(NodeRecord.KIND_NODE);
            assertThat(record.endpoint()).isEqualTo(node.endpoint());
            assertThat(record.pubsubEndpoint()).contains(node.pubsubEndpoint());
            assertThat(record.statsEndpoint()).isEqualTo(node.statsEndpoint());
            assertThat(record.logsEndpoint()).contains(node.logsEndpoint());
            assertThat(Endpoint.parse(record.endpoint()).port()).isPositive();
            assertThat(record.labels()).containsEntry("zone", "t");
            assertThat(record.capacity()).isEqualTo(2.0);

            try (SocketLoop loop = new SocketLoop("registration-client")) {
                loop.start();
                try (CircusClient client = new CircusClient(loop, record.endpoint())) {
                    client.start();
                    assertThat(client.callAndWait(Request.of("quit")).isOk()).isTrue();
                }
            }
            assertThat(node.terminated()).succeedsWithin(Duration.ofSeconds(20));
            assertThat(curator.checkExists().forPath(RegistryPaths.node("lib-node"))).isNull();
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void manyNodesShareOneHostAndOneClient() throws Exception {
        List<CircusNode> nodes = new ArrayList<>();
        try (NodeHost host = NodeHost.start("many-nodes")) {
            for (int i = 0; i < 5; i++) {
                CircusNode node = new CircusNode(NodeConfig.parse(INI, "t.ini"), host, NodeRegistration.of(curator, "many-" + i));
                node.start();
                nodes.add(node);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(nodes.get(i).registrar().orElseThrow().awaitRegistered(Duration.ofSeconds(20))).isTrue();
                assertThat(read("many-" + i).endpoint()).isEqualTo(nodes.get(i).endpoint());
            }
            assertThat(nodes.stream().map(CircusNode::endpoint).distinct()).hasSize(5);
            nodes.forEach(CircusNode::close);
            for (int i = 0; i < 5; i++) {
                assertThat(curator.checkExists().forPath(RegistryPaths.node("many-" + i))).isNull();
            }
        }
    }

    private static NodeRecord read(String name) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> curator.checkExists().forPath(RegistryPaths.node(name)) != null);
        byte[] data = curator.getData().forPath(RegistryPaths.node(name));
        return ((NodeRecord.Valid) NodeRecord.parse(name, data)).record();
    }
}
