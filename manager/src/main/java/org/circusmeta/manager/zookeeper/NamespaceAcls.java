package org.circusmeta.manager.zookeeper;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.circusmeta.registration.acl.AclLists;
import org.circusmeta.registration.acl.ManagerAcls;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.RegistryException;
import org.circusmeta.registration.zookeeper.RegistryUnavailableException;
import org.circusmeta.registration.zookeeper.ZooKeeperClients;
import org.circusmeta.registration.zookeeper.ZooKeeperCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With ZooKeeper ACLs on, makes the namespace the managers'. Once connected (at start, then after
 * every new session) it creates {@code /nodes} when it is missing (no registrar may create it), and
 * gives every znode the managers own (the namespace's own znode and everything under it but the node
 * records) the ACL {@link ManagerAcls} gives it: a namespace used before ACLs were on, which anyone
 * may change, is tightened, each change logged. Node records that anyone may change are reported:
 * they are their registrars' (which run without credentials), not the managers'. It keeps {@code
 * /nodes} present: made by a registrar before ACLs were on, it may be a container, which ZooKeeper
 * deletes once its last record goes.
 *
 * <p>A znode the managers own whose ACL their identity may not change (it belongs to another
 * identity) is a refusal: {@link #start()} fails, naming each such znode and what to do, rather than
 * run on a registry it cannot protect.
 *
 * <p>Thread-safe: the work runs on one thread at a time. {@link #start()} waits up to 5 s for
 * ZooKeeper; not connected by then, the work runs at the first connection, a refusal then logged as
 * an error.
 */
public final class NamespaceAcls implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceAcls.class);
    private static final Duration START_WAIT = Duration.ofSeconds(5);

    private final CuratorFramework client;
    private final ManagerAcls acls;
    private final ZooKeeperCredentials identity;
    private final ExecutorService executor;
    private final ConnectionStateListener onConnection;
    private final CuratorWatcher onNodesParent;
    private long securedSession;

    public NamespaceAcls(CuratorFramework client, ManagerAcls acls, ZooKeeperCredentials identity,
            ExecutorService executor) {
        this.client = client;
        this.acls = acls;
        this.identity = identity;
        this.executor = executor;
        this.onConnection = (c, state) -> {
            if (state.isConnected()) {
                executor.execute(() -> secureLogged(false));
            }
        };
        this.onNodesParent = event -> executor.execute(() -> secureLogged(true));
    }

    /**
     * Secures the namespace when ZooKeeper answers within 5 s.
     *
     * @throws NamespaceRefusedException when a znode the managers own belongs to another identity
     */
    @Override
    public void start() {
        client.getConnectionStateListenable().addListener(onConnection);
        if (!ZooKeeperClients.awaitConnected(client, START_WAIT)) {
            LOG.warn("ZooKeeper did not answer within {}; the namespace's ACLs are checked once it does", START_WAIT);
            return;
        }
        try {
            secure(true);
        } catch (RegistryUnavailableException e) {
            LOG.warn("{}; the namespace's ACLs are checked again once ZooKeeper is back", e.getMessage());
        }
    }

    @Override
    public void stop() {
        client.getConnectionStateListenable().removeListener(onConnection);
    }

    private void secureLogged(boolean always) {
        try {
            secure(always);
        } catch (NamespaceRefusedException e) {
            LOG.error("{}", e.getMessage());
        } catch (RegistryException e) {
            LOG.warn("{}; checked again at the next connection", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("securing the namespace's ACLs failed: {}", e.toString(), e);
        }
    }

    /** Does the work once per session, or again when {@code always}. */
    private synchronized void secure(boolean always) {
        long session = sessionId();
        if (!always && session != 0 && session == securedSession) {
            return;
        }
        Walk walk = new Walk();
        try {
            ensureNodesParent();
            walk.visit("/");
        } catch (Exception e) {
            throw RegistryException.translate("securing the ACLs of " + acls.root(), e);
        }
        walk.report();
        securedSession = session;
    }

    /** Creates {@code /nodes}, or writes the managers' ids in it (registrars read them there), and watches it. */
    private void ensureNodesParent() throws Exception {
        byte[] managers = acls.nodesParentData();
        try {
            client.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT)
                    .forPath(RegistryPaths.NODES, managers);
            LOG.info("created {}{}, under which the registrars listed in zookeeper.auth.registrars may register",
                    acls.root(), RegistryPaths.NODES);
        } catch (KeeperException.NodeExistsException e) {
            if (!Arrays.equals(client.getData().forPath(RegistryPaths.NODES), managers)) {
                client.setData().forPath(RegistryPaths.NODES, managers);
            }
        }
        client.checkExists().usingWatcher(onNodesParent).forPath(RegistryPaths.NODES);
    }

    private long sessionId() {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            return 0;
        }
    }

    /** One pass over the namespace, and what it found. */
    private final class Walk {
        private final Findings findings = new Findings(acls.root(), identity);

        void visit(String path) throws Exception {
            Stat stat = new Stat();
            List<ACL> acl;
            try {
                acl = client.getACL().storingStatIn(stat).forPath(path);
            } catch (KeeperException.NoNodeException gone) {
                return;
            } catch (KeeperException.NoAuthException unreadable) {
                findings.refused(path, List.of());
                return;
            }
            if (isNodeRecord(path)) {
                if (AclLists.isOpen(acl)) {
                    findings.openRecord(RegistryPaths.name(path));
                }
                return;
            }
            if (needsChange(path, acl)) {
                change(path, acl, expected(path), stat.getAversion());
            }
            List<String> children;
            try {
                children = client.getChildren().forPath(path);
            } catch (KeeperException.NoNodeException | KeeperException.NoAuthException e) {
                return;
            }
            for (String child : children) {
                visit(ZKPaths.makePath(path, child));
            }
        }

        private void change(String path, List<ACL> acl, List<ACL> expected, int aclVersion) throws Exception {
            try {
                client.setACL().withVersion(aclVersion).withACL(expected).forPath(path);
                findings.changed(path, acl, expected);
            } catch (KeeperException.NoAuthException e) {
                findings.refused(path, acl);
            } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
                LOG.debug("{}{} changed while its ACL was set; checked again at the next pass", acls.root(), path);
            }
        }

        /**
         * A rename request's ACL was set, when it was written, for the registrar of the node it was
         * about; it is changed only if anyone may change it, or the managers may not.
         */
        private boolean needsChange(String path, List<ACL> acl) throws Exception {
            if (isChild(RegistryPaths.RENAMES, path)) {
                return AclLists.isOpen(acl) || !acls.letsTheManagersDoAnything(acl);
            }
            return !AclLists.sameEntries(acl, expected(path));
        }

        private List<ACL> expected(String path) throws Exception {
            if (isChild(RegistryPaths.RENAMES, path)) {
                try {
                    return acls.renameRequest(client.getACL().forPath(RegistryPaths.node(RegistryPaths.name(path))));
                } catch (KeeperException.NoNodeException notRegistered) {
                    return acls.renameRequest(List.of());
                }
            }
            return acls.getAclForPath(path.equals("/") ? acls.root() : acls.root() + path);
        }

        void report() {
            findings.log();
            findings.throwIfRefused();
        }
    }

    private static boolean isNodeRecord(String path) {
        return isChild(RegistryPaths.NODES, path);
    }

    private static boolean isChild(String parent, String path) {
        return path.startsWith(parent + "/") && path.indexOf('/', parent.length() + 1) < 0;
    }
}
