package org.circusmeta.manager.zookeeper;

import io.dropwizard.lifecycle.Managed;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.circusmeta.registration.acl.ManagerAcls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's one Curator client. Start does not wait for ZooKeeper: Curator keeps connecting in
 * the background, the registry view fills in once it is connected, and the health check says so
 * meanwhile.
 *
 * <p>Thread-safe. Lifecycle: {@link #start()} once, {@link #close()} idempotent.
 */
public final class ZooKeeperConnection implements Managed, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperConnection.class);

    private final CuratorFramework client;
    private final String connectString;
    private final Optional<ManagerAcls> acls;
    private final AtomicReference<Instant> disconnectedSince = new AtomicReference<>(Instant.now());
    private volatile boolean started;

    /** @param acls the managers' ACLs, which the client's provider applies, when ZooKeeper ACLs are on */
    public ZooKeeperConnection(CuratorFramework client, String connectString, Optional<ManagerAcls> acls) {
        this.client = client;
        this.connectString = connectString;
        this.acls = acls;
    }

    /** The managers' ACLs when ZooKeeper ACLs are on. */
    public Optional<ManagerAcls> acls() {
        return acls;
    }

    public CuratorFramework client() {
        return client;
    }

    public String connectString() {
        return connectString;
    }

    public boolean isConnected() {
        return started && client.getZookeeperClient().isConnected();
    }

    /** When the connection was last lost (or start-up, before the first connection); empty while connected. */
    public Optional<Instant> disconnectedSince() {
        return isConnected() ? Optional.empty() : Optional.ofNullable(disconnectedSince.get());
    }

    @Override
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the ZooKeeper connection was already started");
        }
        started = true;
        client.getConnectionStateListenable().addListener((c, newState) -> onStateChange(newState));
        client.start();
        LOG.info("connecting to ZooKeeper at {} (namespace /{}{})", connectString, client.getNamespace(),
                acls.isPresent() ? ", ZooKeeper ACLs on" : "");
    }

    private void onStateChange(ConnectionState newState) {
        if (newState.isConnected()) {
            disconnectedSince.set(null);
            LOG.info("ZooKeeper at {}: {}", connectString, newState);
        } else {
            disconnectedSince.compareAndSet(null, Instant.now());
            LOG.warn("ZooKeeper at {}: {}; the manager keeps serving the registry as it last saw it", connectString, newState);
        }
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public synchronized void close() {
        if (started) {
            client.close();
        }
    }
}
