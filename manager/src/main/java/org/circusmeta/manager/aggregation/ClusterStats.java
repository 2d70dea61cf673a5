package org.circusmeta.manager.aggregation;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The cluster's live usage at one instant, from every node's stats stream: per node (and per watcher
 * on it), per watcher name across the nodes, and the total, which is the sum of the nodes' totals.
 * Placement and {@code GET /api/nodes} read it through {@link LiveStats}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClusterStats {
    public static final ClusterStats EMPTY = new ClusterStats(new TreeMap<>(), Instant.EPOCH);

    private final SortedMap<String, NodeStats> nodes;
    private final SortedMap<String, Figures> watchers;
    private final Figures total;
    private final Instant builtAt;

    ClusterStats(SortedMap<String, NodeStats> nodes, Instant builtAt) {
        this.nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
        SortedMap<String, Figures> byName = new TreeMap<>();
        Figures sum = Figures.ZERO;
        for (NodeStats node : this.nodes.values()) {
            sum = sum.plus(node.total());
            node.watchers().forEach((name, figures) -> byName.merge(name, figures, Figures::plus));
        }
        this.watchers = Collections.unmodifiableSortedMap(byName);
        this.total = sum;
        this.builtAt = builtAt;
    }

    /** Every node with live figures, by name. */
    public SortedMap<String, NodeStats> nodes() {
        return nodes;
    }

    public Optional<NodeStats> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    /** Each watcher name, summed over the nodes that run it. */
    public Map<String, Figures> watchers() {
        return watchers;
    }

    /** The sum of the nodes' totals. */
    public Figures total() {
        return total;
    }

    public Instant builtAt() {
        return builtAt;
    }
}
