package org.circusmeta.manager.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.circusmeta.manager.nodes.NodeSummary;

/**
 * What the doors read: the nodes as the manager knows them, one node with its watchers, and every
 * watcher of the cluster. Reads change nothing, so they do not pass through {@link Changes}.
 *
 * <p>Implementations are thread-safe, and every method returns at once.
 */
public interface Reads {
    /** Every registered node, by name, as it stands now. */
    List<NodeSummary> nodes();

    boolean isRegistered(String node);

    /** One node and, unless it cannot be asked (invalid, detached), its watchers with their status and processes. */
    CompletableFuture<NodeResult> node(String name, Duration within);

    /**
     * Every watcher name on the nodes that answered, sorted, each with the nodes that run it; and every
     * cluster watcher recorded, even one that runs nowhere.
     */
    CompletableFuture<List<WatcherListing>> watchers(Duration within);

    /** A long-running operation of this replica, running or among the last ended; empty when it knows none of that id. */
    Optional<Operation> operation(String id);

    /** The long-running operations this replica runs, and the last ended, oldest first. */
    List<Operation> operations();
}
