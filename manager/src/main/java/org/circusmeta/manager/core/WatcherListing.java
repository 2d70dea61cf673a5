package org.circusmeta.manager.core;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.circusmeta.manager.watchers.WatcherStatus;

/**
 * One watcher name across the cluster: each node that runs it, and whether it is a cluster watcher
 * (recorded under {@code /watchers}, so that the leader keeps it running).
 *
 * <p>Immutable.
 */
public record WatcherListing(String name, SortedMap<String, WatcherStatus> nodes, boolean cluster) {
    public WatcherListing {
        nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
    }
}
