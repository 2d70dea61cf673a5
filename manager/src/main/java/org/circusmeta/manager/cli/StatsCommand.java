package org.circusmeta.manager.cli;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code stats}: the cluster's live load from {@code GET /api/stats}, per node and watcher, and the
 * totals.
 *
 * <p>Confined to the CLI's main thread.
 */
final class StatsCommand {
    private final Api api;

    StatsCommand(Api api) {
        this.api = api;
    }

    int stats() {
        Optional<String> only = api.invocation().option("--node");
        Json stats = api.get("/api/stats");
        Map<String, Json> nodes = StatsJson.nodes(stats);
        if (only.isPresent()) {
            nodes.keySet().retainAll(Set.of(only.get()));
            if (nodes.isEmpty()) {
                throw new CommandFailedException("no live statistics for node " + only.get() + ": it is not registered,"
                        + " or its stats stream has sent nothing lately ('circusmeta nodes' shows its state)");
            }
        }
        if (api.json()) {
            return Exits.OK;
        }
        Table table = new Table("NODE / WATCHER", "PROCESSES>", "CPU%>", "MEM%>");
        nodes.forEach((name, node) -> {
            table.row(row(name, node));
            StatsJson.watchers(node).forEach((watcher, figures) -> table.row(row("  " + watcher, figures)));
        });
        Json totals = StatsJson.totals(stats);
        if (only.isEmpty() && !totals.isMissing()) {
            table.row(row("TOTAL", totals));
        }
        api.terminal().print(nodes.isEmpty() ? "No live statistics yet: no node's stats stream has sent anything."
                : table.render());
        return Exits.OK;
    }

    static Object[] row(String name, Json figures) {
        Object[] cells = StatsJson.cells(figures);
        Object[] row = new Object[cells.length + 1];
        row[0] = name;
        System.arraycopy(cells, 0, row, 1, cells.length);
        return row;
    }
}
