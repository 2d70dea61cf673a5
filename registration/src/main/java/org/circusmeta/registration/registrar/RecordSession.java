package org.circusmeta.registration.registrar;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.circusmeta.registration.acl.AclLists;
import org.circusmeta.registration.acl.ManagerAcls;
import org.circusmeta.registration.acl.RecordAcls;
import org.circusmeta.registration.record.RegistryPaths;
import org.circusmeta.registration.zookeeper.ZooKeeperCredentials;
import org.circusmeta.registration.zookeeper.ZooKeeperSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With ZooKeeper ACLs on, the ZooKeeper session that holds one registrar's record: a client of its
 * own, authenticated as the registrar's identity, whose {@link RecordAcls} give the record its ACL
 * (that identity and the managers write it, anyone reads it). No registrar may delete under {@code
 * /nodes} (ZooKeeper checks a delete against the parent's ACL, and a registrar allowed to delete its
 * own record there could delete every other one), so the record is removed by ending this session:
 * ZooKeeper removes a session's ephemeral znodes whatever their ACLs. {@link RecordSessions} opens
 * them, one ahead of need.
 *
 * <p>Before a record is created, {@link #prepare()} reads {@code /nodes}: its data names the
 * managers, whom the record's ACL lets write it too, and its ACL tells whether this identity may
 * create a record at all.
 *
 * <p>Thread-safe. Lifecycle: {@link #start()} once; {@link #end()} (blocking) ends the session.
 */
final class RecordSession {
    private static final Logger LOG = LoggerFactory.getLogger(RecordSession.class);

    private final ZooKeeperCredentials identity;
    private final RecordAcls acls;
    private final CuratorFramework client;
    private volatile boolean prepared;
    private CompletableFuture<Optional<String>> preparing;

    RecordSession(ZooKeeperSettings settings) {
        this.identity = settings.credentials().orElseThrow();
        this.acls = new RecordAcls(settings.namespace(), identity.id());
        this.client = settings.newClient(acls);
    }

    /** Starts connecting; returns at once. */
    void start() {
        client.start();
    }

    CuratorFramework client() {
        return client;
    }

    boolean isPrepared() {
        return prepared;
    }

    /**
     * Reads {@code /nodes} once the session is up (again after a refusal): its data names the
     * managers, its ACL whether this identity may create records. Completes with empty when a record
     * may be created, with the reason when it may not; exceptionally when ZooKeeper did not answer.
     */
    synchronized CompletableFuture<Optional<String>> prepare() {
        if (prepared) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (preparing == null || preparing.isDone()) {
            preparing = readNodesParent();
        }
        return preparing;
    }

    private CompletableFuture<Optional<String>> readNodesParent() {
        CompletableFuture<Optional<byte[]>> data = new CompletableFuture<>();
        CompletableFuture<Optional<List<ACL>>> acl = new CompletableFuture<>();
        try {
            client.getData().inBackground((c, event) -> settle(event, data, event.getData())).forPath(RegistryPaths.NODES);
            client.getACL().inBackground((c, event) -> settle(event, acl, event.getACLList())).forPath(RegistryPaths.NODES);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        return data.thenCombine(acl, (d, a) -> d.isEmpty() || a.isEmpty() ? Optional.of(RegistryPaths.NODES
                + " does not exist yet: with ZooKeeper ACLs on, only a manager creates it (when it starts with"
                + " zookeeper.auth set); registering once it does") : learn(d.get(), a.get()));
    }

    /** Completes with the value, with empty when the znode does not exist, exceptionally for any other failure. */
    private static <T> void settle(CuratorEvent event, CompletableFuture<Optional<T>> result, T value) {
        KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
        if (code == KeeperException.Code.OK) {
            result.complete(Optional.ofNullable(value));
        } else if (code == KeeperException.Code.NONODE) {
            result.complete(Optional.empty());
        } else {
            result.completeExceptionally(KeeperException.create(code, RegistryPaths.NODES));
        }
    }

    private Optional<String> learn(byte[] data, List<ACL> acl) {
        if (!AclLists.allowsDigestUser(acl, identity.user(), Perms.CREATE)) {
            return Optional.of("ZooKeeper does not let this registrar's identity (digest " + identity.digestId()
                    + ") create node records: the ACL of " + RegistryPaths.NODES + " is " + AclLists.describe(acl)
                    + ". Add \"" + identity.digestId() + "\" to the managers' zookeeper.auth.registrars and restart"
                    + " them; registering once it may");
        }
        List<Id> managers = ManagerAcls.managersIn(data);
        acls.learnManagers(managers);
        if (AclLists.isOpen(acl)) {
            LOG.warn("{} may be changed by anyone ({}): no manager has secured the registry yet; this node's record"
                    + " is protected, the registry is not until a manager with zookeeper.auth starts",
                    RegistryPaths.NODES, AclLists.describe(acl));
        }
        prepared = true;
        return Optional.empty();
    }

    /** Ends the session, and with it the record it holds; blocks until ZooKeeper has answered or given up. */
    void end() {
        settle();
        client.close();
    }

    /**
     * Waits (1 s at most) until the calls a recipe made on this session are answered: ZooKeeper answers
     * a session's calls in order and Curator runs their callbacks in order, so once a call made now is
     * answered, a recipe closed just before will not act on a closed client.
     */
    private void settle() {
        if (!client.getZookeeperClient().isConnected()) {
            return;
        }
        CompletableFuture<Void> answered = new CompletableFuture<>();
        try {
            client.checkExists().inBackground((c, event) -> answered.complete(null)).forPath(RegistryPaths.NODES);
            answered.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("the record session did not settle before its end: {}", e.toString());
        }
    }
}
