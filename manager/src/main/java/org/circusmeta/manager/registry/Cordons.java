package org.circusmeta.manager.registry;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.RegistryException;
import org.circusmeta.registration.zookeeper.RegistryUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes which nodes are cordoned, {@code /eligibility/NAME} ({@link Cordon}), and carries a cordon
 * over a rename: a cordoned node renamed through the manager is cordoned under its new name before the
 * rename is asked of its registrar (so that it is never eligible in between), and the old name's
 * record is deleted once the node is registered under the new name and no longer under the old one.
 * The {@link RegistryWatch} reads the records back; the ZooKeeper ACLs of the managers' client protect
 * them (docs/security.md).
 *
 * <p>Thread-safe. The writes block up to the Curator connection timeout when ZooKeeper is away: call them
 * from the registry-writes threads. {@link #directoryChanged} returns at once, its deletions run there.
 */
public final class Cordons implements DirectoryListener {
    private static final Logger LOG = LoggerFactory.getLogger(Cordons.class);

    private final CuratorFramework client;
    private final Executor writes;
    private final Set<String> following = ConcurrentHashMap.newKeySet();

    public Cordons(CuratorFramework client, Executor writes) {
        this.client = client;
        this.writes = writes;
    }

    /**
     * Cordons a node.
     *
     * @param by who asked, for the record
     * @return false when it was cordoned already (its record is left as it was)
     * @throws RegistryException when ZooKeeper cannot take the write
     */
    public boolean cordon(String node, String by) {
        String path = RegistryPaths.eligibility(node);
        connected("cordon node " + node, path);
        try {
            client.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT).forPath(path,
                    new Cordon(node, Instant.now(), by, Optional.empty()).toBytes());
            return true;
        } catch (KeeperException.NodeExistsException e) {
            return false;
        } catch (Exception e) {
            throw RegistryException.translate("creating " + path, e);
        }
    }

    /**
     * Makes a node eligible again.
     *
     * @return false when it was not cordoned
     * @throws RegistryException when ZooKeeper cannot take the write
     */
    public boolean uncordon(String node) {
        String path = RegistryPaths.eligibility(node);
        connected("uncordon node " + node, path);
        try {
            client.delete().guaranteed().forPath(path);
            return true;
        } catch (KeeperException.NoNodeException e) {
            return false;
        } catch (Exception e) {
            throw RegistryException.translate("deleting " + path, e);
        }
    }

    /**
     * Before a rename of {@code node} is asked: when it is cordoned, cordons {@code newName} as well,
     * marked as renamed from it.
     *
     * @return whether the node was cordoned
     * @throws RegistryException when ZooKeeper cannot take the write
     */
    public boolean followRename(NodeDirectory current, String node, String newName) {
        Optional<Cordon> cordon = Optional.ofNullable(current.cordons().get(node));
        if (cordon.isEmpty()) {
            return false;
        }
        String path = RegistryPaths.eligibility(newName);
        connected("carry the cordon of " + node + " over to " + newName, path);
        byte[] bytes = cordon.get().renamedTo(newName).toBytes();
        try {
            try {
                client.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT).forPath(path, bytes);
            } catch (KeeperException.NodeExistsException e) {
                client.setData().forPath(path, bytes);
            }
            return true;
        } catch (Exception e) {
            throw RegistryException.translate("writing " + path, e);
        }
    }

    /** Deletes the old name's cordon of each renamed node now registered under its new name only. */
    @Override
    public void directoryChanged(NodeDirectory previous, NodeDirectory current) {
        current.cordons().values().forEach(cordon -> cordon.renamedFrom().ifPresent(old -> {
            if (current.node(cordon.node()).isPresent() && current.node(old).isEmpty() && following.add(cordon.node())) {
                try {
                    writes.execute(() -> settleRename(cordon, old));
                } catch (RejectedExecutionException e) {
                    following.remove(cordon.node());
                }
            }
        }));
    }

    private void settleRename(Cordon cordon, String old) {
        String newPath = RegistryPaths.eligibility(cordon.node());
        try {
            client.delete().guaranteed().forPath(RegistryPaths.eligibility(old));
            LOG.info("node {} is registered as {} now: its cordon {} is deleted, {} keeps it", old, cordon.node(),
                    RegistryPaths.eligibility(old), newPath);
        } catch (KeeperException.NoNodeException e) {
            // Another replica deleted it first.
        } catch (Exception e) {
            LOG.warn("could not delete {} after the rename of {} to {} ({}); tried again at the next change of the"
                    + " registry", RegistryPaths.eligibility(old), old, cordon.node(), e.getMessage());
            following.remove(cordon.node());
            return;
        }
        try {
            Stat stat = new Stat();
            byte[] now = client.getData().storingStatIn(stat).forPath(newPath);
            if (Cordon.parse(cordon.node(), now).flatMap(Cordon::renamedFrom).isPresent()) {
                client.setData().withVersion(stat.getVersion()).forPath(newPath,
                        new Cordon(cordon.node(), cordon.at(), cordon.by(), Optional.empty()).toBytes());
            }
        } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
            // Uncordoned, or rewritten, meanwhile: nothing left to settle.
        } catch (Exception e) {
            LOG.warn("could not clear renamed_from in {} ({}); tried again at the next change of the registry", newPath,
                    e.getMessage());
        } finally {
            following.remove(cordon.node());
        }
    }

    private void connected(String what, String path) {
        if (!client.getZookeeperClient().isConnected()) {
            throw new RegistryUnavailableException("ZooKeeper is not connected, so could not " + what + " (" + path
                    + "); try again once /healthcheck on the admin port says zookeeper is healthy");
        }
    }
}
