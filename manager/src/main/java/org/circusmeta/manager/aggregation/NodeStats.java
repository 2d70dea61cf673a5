package org.circusmeta.manager.aggregation;

import java.time.Instant;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One node's live usage: each watcher that reported lately, and their sum (the daemon's own process
 * is not counted).
 *
 * <p>Immutable.
 *
 * @param sampledAt when the newest of these figures arrived
 */
public record NodeStats(String node, Figures total, SortedMap<String, Figures> watchers, Instant sampledAt) {
    public NodeStats {
        watchers = Collections.unmodifiableSortedMap(new TreeMap<>(watchers));
    }
}
