package org.circusmeta.manager.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code GET /api/stats} (SPEC §4.1: per node and per watcher {@code {cpu, mem, processes}},
 * and the totals). Nodes and watchers may come as an object keyed by name or as a list of objects
 * with a {@code name}; a node's own figures directly on it or under {@code total}; the cluster's under
 * {@code total} or {@code totals}.
 *
 * <p>Stateless.
 */
final class StatsJson {
    private StatsJson() {}

    /** Every node, by name, sorted. */
    static Map<String, Json> nodes(Json stats) {
        return byName(stats.path("nodes"));
    }

    /** A node's watchers, by name, sorted. */
    static Map<String, Json> watchers(Json node) {
        return byName(node.path("watchers"));
    }

    /** A node's own figures: {@code cpu}, {@code mem}, {@code processes}. */
    static Json figures(Json node) {
        return first(node, "total", "totals");
    }

    /** The cluster's figures. */
    static Json totals(Json stats) {
        Json totals = first(stats, "totals", "total");
        return totals == stats ? Json.MISSING : totals;
    }

    private static Json first(Json json, String... names) {
        for (String name : names) {
            if (json.path(name).isObject()) {
                return json.path(name);
            }
        }
        return json;
    }

    private static Map<String, Json> byName(Json json) {
        if (json.isObject()) {
            return new TreeMap<>(json.fields());
        }
        Map<String, Json> named = new LinkedHashMap<>();
        json.elements().forEach(e -> named.put(e.path("name").text("?"), e));
        return new TreeMap<>(named);
    }

    /** {@code processes}, {@code cpu%} and {@code mem%} of some figures, as table cells. */
    static Object[] cells(Json figures) {
        return new Object[] {Table.count(figures.path("processes")), Table.decimal(figures.path("cpu").number()),
            Table.decimal(figures.path("mem").number())};
    }
}
