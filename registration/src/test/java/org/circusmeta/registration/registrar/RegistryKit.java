package org.circusmeta.registration.registrar;

import java.io.File;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.zookeeper.data.Stat;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;

/** What the registrar ITs share: servers with short ticks, started clients, records, znode reads. */
final class RegistryKit {
    /** ZooKeeper tick of the test servers: sessions may last 200 ms to 4 s. */
    static final int TICK_MS = 200;
    static final Duration SESSION = Duration.ofSeconds(3);

    private RegistryKit() {}

    static InstanceSpec spec() {
        return new InstanceSpec((File) null, -1, -1, -1, true, -1, TICK_MS, -1);
    }

    static CuratorFramework client(String connect) {
        CuratorFramework client = ZooKeeperClients.newClient(connect, RegistryPaths.DEFAULT_NAMESPACE, SESSION);
        client.start();
        if (!ZooKeeperClients.awaitConnected(client, Duration.ofSeconds(10))) {
            throw new IllegalStateException("the test client did not connect to " + connect);
        }
        return client;
    }

    static NodeRecord record(String name, String endpoint, String host) {
        return NodeRecord.of(name, endpoint, Optional.of("tcp://10.0.0.5:5556"), Optional.of("tcp://10.0.0.5:5557"),
                host, Map.of("zone", "eu-1"), 1.0, NodeRecord.KIND_CIRCUSD, "0.19.0");
    }

    /** Options for a daemon on the given endpoint, quick to notice silence. */
    static RegistrarOptions options(String name, String daemonEndpoint, String host) {
        return RegistrarOptions.of(record(name, daemonEndpoint, host))
                .withHealthChecks(Duration.ofMillis(100), Duration.ofMillis(500));
    }

    /** The data and stat of a znode, read now; empty when it does not exist. */
    static Optional<Znode> read(CuratorFramework client, String path) {
        try {
            Stat stat = new Stat();
            byte[] data = client.getData().storingStatIn(stat).forPath(path);
            return Optional.of(new Znode(data, stat));
        } catch (org.apache.zookeeper.KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException("could not read " + path + ": " + e, e);
        }
    }

    static long sessionOf(CuratorFramework client) {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A znode as read. */
    record Znode(byte[] data, Stat stat) {
        NodeRecord record(String name) {
            NodeRecord.Parsed parsed = NodeRecord.parse(name, data);
            if (parsed instanceof NodeRecord.Valid valid) {
                return valid.record();
            }
            throw new AssertionError("invalid record at /nodes/" + name + ": " + parsed);
        }

        long owner() {
            return stat.getEphemeralOwner();
        }

        String text() {
            return new String(data, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
