package org.circusmeta.node.stats;

import java.util.List;

/**
 * What one node's stats stream covers at a moment: each watcher's stats name and its pids. Built on
 * the node's loop thread whenever processes change, read by the sampler thread.
 *
 * <p>Immutable.
 */
public record StatsView(List<WatcherPids> watchers) {
    public static final StatsView EMPTY = new StatsView(List.of());

    public StatsView {
        watchers = List.copyOf(watchers);
    }

    /** @param name the watcher's name as stats topics carry it (lower-cased) */
    public record WatcherPids(String name, List<Long> pids) {
        public WatcherPids {
            pids = List.copyOf(pids);
        }
    }
}
