package org.circusmeta.manager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.node.CircusNode;
import org.circusmeta.node.NodeHost;
import org.circusmeta.node.commands.GlobalOptions;
import org.circusmeta.node.config.NodeConfig;
import org.circusmeta.node.registry.NodeRegistrar;
import org.circusmeta.node.registry.NodeRegistration;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.registrar.RecordSessions;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.circusmeta.registration.zookeeper.ZooKeeperSettings;

/**
 * Real circusmeta-nodes in this process, sharing one host, each registered by its own registrar, all
 * endpoints (stats included) on free loopback ports; with ZooKeeper ACLs when the settings have an
 * identity, as circusmeta-node runs with --zookeeper-auth-file. Closing stops their processes. Not
 * thread-safe.
 */
final class RealNodes implements AutoCloseable {
    private final CuratorFramework curator;
    private final Optional<RecordSessions> secured;
    private final NodeHost host;
    private final List<CircusNode> nodes = new ArrayList<>();

    RealNodes(String zookeeper, String hostName) {
        this(ZooKeeperSettings.of(zookeeper, RegistryPaths.DEFAULT_NAMESPACE, ZooKeeperClients.DEFAULT_SESSION_TIMEOUT),
                hostName);
    }

    RealNodes(ZooKeeperSettings zookeeper, String hostName) {
        curator = zookeeper.newClient();
        curator.start();
        secured = zookeeper.credentials().isPresent() ? Optional.of(new RecordSessions(zookeeper)) : Optional.empty();
        secured.ifPresent(RecordSessions::start);
        host = NodeHost.start(hostName);
    }

    private NodeRegistration registration(NodeRegistration how) {
        return secured.map(how::withRecordSessions).orElse(how);
    }

    /** Starts a node whose ini has the given watcher sections (after its own [circus] section). */
    CircusNode start(String name, String watchers) {
        return start(name, watchers, Map.of(), 1.0);
    }

    /** As {@link #start(String, String)}, registered with labels and a capacity. */
    CircusNode start(String name, String watchers, Map<String, String> labels, double capacity) {
        return startIni(name, "[circus]\nendpoint = tcp://127.0.0.1:0\npubsub_endpoint = tcp://127.0.0.1:0\n"
                + "stats_endpoint = tcp://127.0.0.1:0\n" + watchers, labels, capacity);
    }

    /** Starts a node running a whole ini, [circus] section included (one of examples/, say). */
    CircusNode startIni(String name, String ini, Map<String, String> labels, double capacity) {
        CircusNode node = new CircusNode(NodeConfig.parse(ini, name + ".ini"), host,
                registration(new NodeRegistration(curator, name, labels, capacity, Optional.empty(), Optional.empty())));
        node.start();
        nodes.add(node);
        return node;
    }

    /** A node of this host that does not register (a static node's daemon), on the endpoints its ini binds. */
    CircusNode startUnregistered(String name, String ini) {
        CircusNode node = new CircusNode(NodeConfig.parse(ini, name + ".ini"), host);
        node.start();
        nodes.add(node);
        return node;
    }

    /** Stops a node: its processes, its registration. */
    void stop(CircusNode node) {
        node.close();
        nodes.remove(node);
    }

    /** Registers a running node again, as its registrar does when its host comes back; close the result to deregister. */
    NodeRegistrar register(CircusNode node, String name) {
        return NodeRegistrar.start(registration(NodeRegistration.of(curator, name)), new GlobalOptions(node.endpoint(), node.pubsubEndpoint(),
                node.statsEndpoint(), 5.0, "udp://237.219.251.97:12027"), host.loop());
    }

    static String watcher(String name, String cmd, int processes) {
        return "[watcher:" + name + "]\ncmd = " + cmd + "\nnumprocesses = " + processes + "\n";
    }

    @Override
    public void close() {
        nodes.forEach(CircusNode::close);
        host.close();
        secured.ifPresent(RecordSessions::close);
        curator.close();
    }
}
