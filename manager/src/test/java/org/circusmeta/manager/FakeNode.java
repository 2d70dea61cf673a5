package org.circusmeta.manager;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.CreateMode;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.testsupport.RouterPeer;

/**
 * A node as the manager sees it, until the real registrar and node exist: a RouterPeer control socket
 * and an EPHEMERAL {@code /nodes/NAME} znode written by its own ZooKeeper session. Closing it ends the
 * session, as a dying node would. Thread-safe.
 */
final class FakeNode implements AutoCloseable {
    private final String name;
    private final RouterPeer peer;
    private final CuratorFramework zk;

    private FakeNode(String name, String connectString, RouterPeer peer) {
        this.name = name;
        this.peer = peer;
        this.zk = CuratorFrameworkFactory.builder().connectString(connectString).namespace(RegistryPaths.DEFAULT_NAMESPACE)
                .sessionTimeoutMs(10_000).connectionTimeoutMs(5_000).retryPolicy(new RetryOneTime(100)).build();
        zk.start();
    }

    /** A node answering like a circusd with the given watchers. */
    static FakeNode start(String connectString, String name, FakeCircusd circusd) {
        return new FakeNode(name, connectString, RouterPeer.start().handler(circusd));
    }

    static FakeNode start(String connectString, String name) {
        return start(connectString, name, new FakeCircusd());
    }

    String name() {
        return name;
    }

    RouterPeer peer() {
        return peer;
    }

    NodeRecord record() {
        return NodeRecord.of(name, peer.endpoint(), Optional.empty(), Optional.empty(), "localhost",
                Map.of("zone", "test"), 1.0, NodeRecord.KIND_CIRCUSD, "0.19.0");
    }

    FakeNode register() {
        return write(record().toBytes());
    }

    /** Writes any bytes as this node's record, valid or not. */
    FakeNode write(byte[] data) {
        try {
            if (zk.checkExists().forPath(RegistryPaths.node(name)) == null) {
                zk.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(RegistryPaths.node(name), data);
            } else {
                zk.setData().forPath(RegistryPaths.node(name), data);
            }
            return this;
        } catch (Exception e) {
            throw new IllegalStateException("could not write " + RegistryPaths.node(name), e);
        }
    }

    FakeNode write(String data) {
        return write(data.getBytes(StandardCharsets.UTF_8));
    }

    void unregister() {
        try {
            zk.delete().forPath(RegistryPaths.node(name));
        } catch (Exception e) {
            throw new IllegalStateException("could not delete " + RegistryPaths.node(name), e);
        }
    }

    @Override
    public void close() {
        zk.close();
        peer.close();
    }
}
