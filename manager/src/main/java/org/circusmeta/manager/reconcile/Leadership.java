package org.circusmeta.manager.reconcile;

import io.dropwizard.lifecycle.ServerLifecycleListener;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.leader.Participant;
import org.circusmeta.manager.lifecycle.Component;
import org.circusmeta.manager.lifecycle.Lifecycle;
import org.circusmeta.manager.lifecycle.Listeners;
import org.circusmeta.registration.record.RegistryPaths;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which manager replica reconciles (docs/placement.md): a Curator {@link LeaderLatch} on {@code /leader}, joined
 * once the server has bound its ports, so that the latch's participant id names the replica with
 * them. Listeners are told of each gain and loss of leadership.
 *
 * <p>Distributed caveat: leadership is lost at once when the ZooKeeper connection is lost, and may be
 * held a moment after another replica has it (the latch learns it by a watch); the reconciler's
 * versioned writes make a deposed leader's late decisions fail rather than overwrite. Thread-safe.
 */
public final class Leadership implements Component, ServerLifecycleListener {
    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    private final CuratorFramework client;
    private final Replica replica;
    private final AtomicReference<LeaderLatch> latch = new AtomicReference<>();
    private final Listeners<Runnable> listeners = new Listeners<>(LOG, "leadership listener");
    private final Lifecycle lifecycle = new Lifecycle("the leader election");

    public Leadership(CuratorFramework client, Replica replica) {
        this.client = client;
        this.replica = replica;
    }

    /** Told, on a Curator thread, each time this replica gains or loses leadership; must return quickly. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void serverStarted(Server server) {
        replica.serverStarted(server);
        join();
    }

    /** Joins the election under this replica's id. A second call throws. */
    public void join() {
        LeaderLatch joined = new LeaderLatch(client, RegistryPaths.LEADER, replica.id());
        if (lifecycle.isClosed() || !latch.compareAndSet(null, joined)) {
            throw new IllegalStateException("this replica already joined the leader election, or is closing");
        }
        joined.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                LOG.info("this replica ({}) now leads: it reconciles the cluster watchers", replica.id());
                listeners.tell(Runnable::run);
            }

            @Override
            public void notLeader() {
                LOG.info("this replica ({}) no longer leads: another replica reconciles", replica.id());
                listeners.tell(Runnable::run);
            }
        });
        try {
            joined.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not join the leader election under " + RegistryPaths.LEADER, e);
        }
    }

    public boolean isLeader() {
        LeaderLatch current = latch.get();
        return current != null && !lifecycle.isClosed() && current.hasLeadership();
    }

    public String id() {
        return replica.id();
    }

    /** The replica that leads now, as ZooKeeper says; empty when none does or ZooKeeper cannot say. */
    public Optional<String> leader() {
        LeaderLatch current = latch.get();
        if (current == null) {
            return Optional.empty();
        }
        try {
            Participant leader = current.getLeader();
            return leader.isLeader() ? Optional.of(leader.getId()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Starts nothing: the replica joins the election once the server has bound its ports. */
    @Override
    public void start() {
        lifecycle.start();
    }

    @Override
    public void close() {
        if (!lifecycle.close()) {
            return;
        }
        LeaderLatch current = latch.get();
        if (current != null) {
            try {
                current.close();
            } catch (IOException | IllegalStateException e) {
                LOG.debug("leaving the leader election: {}", e.getMessage());
            }
        }
    }
}
