package org.circusmeta.registration.registrar;

import java.util.function.LongPredicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /nodes/<name>} as an EPHEMERAL znode kept alive by Curator's {@link PersistentNode}: created
 * in the background, re-created after a session expiry and whenever it is deleted while open.
 *
 * <p>One change to the recipe: {@link #close()} deletes the znode only when a session of this
 * registrar owns it ({@code ownSession}), never a stranger's node that took the name meanwhile;
 * plain {@code PersistentNode} deletes whatever sits at its path. In a record session of its own
 * ({@link #inRecordSession}, ZooKeeper ACLs on), it never deletes nor creates parents: no registrar
 * may delete under {@code /nodes} nor create it, so the record goes when its session is ended. Two caveats of the recipe remain:
 * when its create meets an existing node it overwrites that node's data (so the registrar checks the
 * owner before it starts one and stops it at once if a stranger shows up, and the stranger's registrar,
 * seeing another record in its znode, writes its own back), and a close that races a create still in
 * flight deletes the node that create met.
 *
 * <p>Thread-safe, as {@link PersistentNode} is.
 */
final class RecordNode extends PersistentNode {
    private static final Logger LOG = LoggerFactory.getLogger(RecordNode.class);

    private final CuratorFramework curator;
    private final LongPredicate ownSession;
    private final boolean deletes;

    RecordNode(CuratorFramework curator, String path, byte[] data, LongPredicate ownSession) {
        this(curator, path, data, ownSession, true);
    }

    private RecordNode(CuratorFramework curator, String path, byte[] data, LongPredicate ownSession, boolean deletes) {
        super(curator, CreateMode.EPHEMERAL, false, path, data, deletes);
        this.curator = curator;
        this.ownSession = ownSession;
        this.deletes = deletes;
    }

    /** The record held by a record session's client, which ends the session to remove it. */
    static RecordNode inRecordSession(CuratorFramework recordClient, String path, byte[] data) {
        return new RecordNode(recordClient, path, data, owner -> false, false);
    }

    @Override
    protected void deleteNode() throws Exception {
        String path = getActualPath();
        if (path != null && deletes) {
            deleteIfOwned(curator, path, ownSession);
        }
    }

    /**
     * Deletes the znode at {@code path} if a session of this registrar ({@code ownSession}) owns it;
     * without a connection, does nothing (the registrar tries again once ZooKeeper is back).
     */
    static void deleteIfOwned(CuratorFramework curator, String path, LongPredicate ownSession) throws Exception {
        if (!curator.getZookeeperClient().isConnected()) {
            LOG.warn("{}: ZooKeeper is unreachable, so the znode cannot be removed now; it is removed once ZooKeeper"
                    + " is back, or goes when this session ends", path);
            return;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            Stat stat = curator.checkExists().forPath(path);
            if (stat == null) {
                return;
            }
            if (!ownSession.test(stat.getEphemeralOwner())) {
                LOG.warn("{} now belongs to another session (0x{}); left in place", path,
                        Long.toHexString(stat.getEphemeralOwner()));
                return;
            }
            try {
                curator.delete().withVersion(stat.getVersion()).forPath(path);
                return;
            } catch (KeeperException.NoNodeException e) {
                return;
            } catch (KeeperException.BadVersionException e) {
                LOG.debug("{} changed while being removed; checking its owner again", path);
            }
        }
    }
}
