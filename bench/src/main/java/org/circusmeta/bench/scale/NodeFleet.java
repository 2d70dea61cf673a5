package org.circusmeta.bench.scale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.bench.StartedProcesses;
import org.circusmeta.node.CircusNode;
import org.circusmeta.node.NodeHost;
import org.circusmeta.node.config.NodeConfig;
import org.circusmeta.node.stats.ProcessSampler;
import org.circusmeta.node.registry.NodeRegistration;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;

/**
 * Real circusmeta-nodes in the benchmark's JVM, as many as asked, spread over {@link #LOOPS} socket
 * loops (a node on a host of its own has its loop to itself: one loop for 300 nodes made the nodes,
 * not the manager, what a burst of connections waits for), sharing one sampler thread and one Curator
 * client; each registered by its own registrar,
 * its endpoints (stats on) on free loopback ports, supervising one {@code sleep}.
 *
 * <p>One thread grows and shrinks it; {@link #close()} may come from another (the clean-up of an
 * interrupted run, {@link StartedProcesses}).
 */
final class NodeFleet implements AutoCloseable {
    static final String WATCHER = "[watcher:sleeper]\ncmd = sleep 100000\nnumprocesses = 1\n";
    private static final String CIRCUS = "[circus]\nendpoint = tcp://127.0.0.1:0\npubsub_endpoint = tcp://127.0.0.1:0\n"
            + "stats_endpoint = tcp://127.0.0.1:0\n";

    private final CuratorFramework curator;
    static final int LOOPS = 4;

    private final ProcessSampler sampler = new ProcessSampler();
    private final List<SocketLoop> loops = new ArrayList<>();
    private final List<NodeHost> hosts = new ArrayList<>();
    private int started;
    private final Map<String, CircusNode> nodes = new LinkedHashMap<>();

    NodeFleet(String zookeeper) {
        StartedProcesses.closeOnExit(this);
        curator = ZooKeeperClients.newClient(zookeeper);
        curator.start();
        sampler.start();
        for (int i = 0; i < LOOPS; i++) {
            SocketLoop loop = new SocketLoop("bench-nodes-" + i);
            loop.start();
            loops.add(loop);
            NodeHost host = new NodeHost(loop, sampler);
            host.start();
            hosts.add(host);
        }
    }

    /** Starts a node and its registrar (which registers it once the node answers); returns at once after. */
    synchronized CircusNode start(String name, Map<String, String> labels) {
        CircusNode node = new CircusNode(NodeConfig.parse(CIRCUS + WATCHER, name + ".ini"), hosts.get(started++ % LOOPS),
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
    synchronized void stop(String name) {
        CircusNode node = nodes.remove(name);
        if (node != null) {
            node.close();
        }
    }

    CuratorFramework curator() {
        return curator;
    }

    @Override
    public synchronized void close() {
        StartedProcesses.closed(this);
        nodes.values().parallelStream().forEach(CircusNode::close);
        nodes.clear();
        hosts.forEach(NodeHost::close);
        loops.forEach(SocketLoop::close);
        sampler.close();
        curator.close();
    }
}
