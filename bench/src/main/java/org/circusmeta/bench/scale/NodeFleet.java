package org.circusmeta.bench.scale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.node.CircusNode;
import org.circusmeta.node.NodeHost;
import org.circusmeta.node.config.NodeConfig;
import org.circusmeta.node.registry.NodeRegistration;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;

/**
 * Real circusmeta-nodes in the benchmark's JVM, as many as asked, sharing one {@link NodeHost} (one
 * loop thread, one sampler thread) and one Curator client; each registered by its own registrar,
 * its endpoints (stats on) on free loopback ports, supervising one {@code sleep}.
 *
 * <p>Not thread-safe: one thread grows and shrinks it.
 */
final class NodeFleet implements AutoCloseable {
    static final String WATCHER = "[watcher:sleeper]\ncmd = sleep 100000\nnumprocesses = 1\n";
    private static final String CIRCUS = "[circus]\nendpoint = tcp://127.0.0.1:0\npubsub_endpoint = tcp://127.0.0.1:0\n"
            + "stats_endpoint = tcp://127.0.0.1:0\n";

    private final CuratorFramework curator;
    private final NodeHost host;
    private final Map<String, CircusNode> nodes = new LinkedHashMap<>();

    NodeFleet(String zookeeper) {
        curator = ZooKeeperClients.newClient(zookeeper);
        curator.start();
        host = NodeHost.start("bench-nodes");
    }

    /** Starts a node and its registrar (which registers it once the node answers); returns at once after. */
    CircusNode start(String name, Map<String, String> labels) {
        CircusNode node = new CircusNode(NodeConfig.parse(CIRCUS + WATCHER, name + ".ini"), host,
                new NodeRegistration(curator, name, labels, 1.0, Optional.empty(), Optional.empty()));
        node.start();
        nodes.put(name, node);
        return node;
    }

    CircusNode node(String name) {
        return nodes.get(name);
    }

    List<String> names() {
        return new ArrayList<>(nodes.keySet());
    }

    int size() {
        return nodes.size();
    }

    /** Stops a node's processes and ends it; its registrar deletes its znode. */
    void stop(String name) {
        CircusNode node = nodes.remove(name);
        if (node != null) {
            node.close();
        }
    }

    CuratorFramework curator() {
        return curator;
    }

    @Override
    public void close() {
        nodes.values().parallelStream().forEach(CircusNode::close);
        nodes.clear();
        host.close();
        curator.close();
    }
}
