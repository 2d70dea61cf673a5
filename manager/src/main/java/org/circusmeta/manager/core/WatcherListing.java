package org.circusmeta.manager.core;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord;
import org.circusmeta.manager.watchers.Instances;
import org.circusmeta.manager.watchers.WatcherStatus;

/**
 * One watcher name across the cluster: each node that runs it, whether it is a cluster watcher
 * (recorded under {@code /watchers}, so that the leader keeps it running), and, for one whose record
 * could be read, what the record says.
 *
 * <p>Immutable.
 */
public record WatcherListing(String name, SortedMap<String, WatcherStatus> nodes, boolean cluster,
        Optional<Recorded> recorded) {
    public WatcherListing {
        nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
    }

    public WatcherListing(String name, SortedMap<String, WatcherStatus> nodes, boolean cluster) {
        this(name, nodes, cluster, Optional.empty());
    }

    /**
     * A cluster watcher's record as its copies stand: its count and spread, whether it is pinned,
     * each copy's node with its status there, the copies that failed to start lately and when the next
     * try is, and whether its removal is pending.
     */
    public record Recorded(Instances instances, Optional<String> spread, boolean pinned, List<CopyStatus> copies,
            List<ClusterWatcherRecord.StartFailure> failures, Optional<Instant> retryAt, boolean removing) {
        public Recorded {
            copies = List.copyOf(copies);
            failures = List.copyOf(failures);
        }
    }

    /**
     * One copy: its node and status there: circusd's ({@code active}, {@code stopped}...), or
     * {@code missing} (the node runs no such watcher), {@code gone} (the node is not registered), or why
     * the node did not say ({@code timeout}, {@code unreachable}...).
     */
    public record CopyStatus(String node, String status) {}
}
