package org.circusmeta.manager.core;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.circusmeta.manager.command.FanOut;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.placement.Placer;
import org.circusmeta.manager.reconcile.ClusterWatchers;
import org.circusmeta.manager.registry.Cordons;
import org.circusmeta.manager.registry.RegistryWatch;
import org.circusmeta.manager.registry.RenameRequests;

/**
 * What the use cases work with: the registry as read, the node connections and their fan-out,
 * placement, the cluster watcher records, the rename requests, the cordons, the threads that write to
 * ZooKeeper (so that no door's thread ever waits for it), and the long-running operations with the
 * timer threads that pace them, and the threads that move copies for them (each move waits on
 * ZooKeeper and on nodes).
 */
public record Parts(RegistryWatch registry, NodeConnections connections, FanOut fanOut, Placer placer,
        ClusterWatchers cluster, RenameRequests renames, Cordons cordons, Executor registryWrites,
        Operations operations, ScheduledExecutorService timers, Executor moves) {}
