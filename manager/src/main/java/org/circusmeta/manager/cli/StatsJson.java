package org.circusmeta.manager.cli;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code GET /api/stats}: {@code {"nodes": {N: {cpu, mem, processes, sampled_at, watchers: {W:
 * {cpu, mem, processes}}}}, "watchers": {...}, "totals": {cpu, mem, processes}}}.
 *
 * <p>Stateless.
 */
final class StatsJson {
    private StatsJson() {}

    /** Every node with live figures, by name, sorted. */
    static Map<String, Json> nodes(Json stats) {
        return new TreeMap<>(stats.path("nodes").fields());
    }

    /** A node's watchers, by name, sorted. */
    static Map<String, Json> watchers(Json node) {
        return new TreeMap<>(node.path("watchers").fields());
    }

    /** The cluster's figures, or missing. */
    static Json totals(Json stats) {
        return stats.path("totals");
    }

    /** {@code processes}, {@code cpu%} and {@code mem%} of some figures, as table cells. */
    static Object[] cells(Json figures) {
        return new Object[] {Table.count(figures.path("processes")), Table.decimal(figures.path("cpu").number()),
            Table.decimal(figures.path("mem").number())};
    }
}
