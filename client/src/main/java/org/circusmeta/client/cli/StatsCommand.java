package org.circusmeta.client.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.circusmeta.api.StatsView;
import org.circusmeta.client.ApiCall;

/**
 * {@code stats}: the cluster's live load from {@code GET /api/stats}, per node and watcher, and the
 * totals.
 *
 * <p>Stateless.
 */
final class StatsCommand {
    private StatsCommand() {}

    static int stats(Session session) {
        Optional<String> only = session.option(CliOption.ONLY);
        StatsView stats = session.call(ApiCall.stats());
        Map<String, StatsView.NodeStats> nodes = new TreeMap<>(stats.nodes() == null ? Map.of() : stats.nodes());
        if (only.isPresent()) {
            nodes.keySet().retainAll(List.of(only.get()));
            if (nodes.isEmpty()) {
                throw new CommandFailedException("no live statistics for node " + only.get() + ": it is not registered,"
                        + " or its stats stream has sent nothing lately ('circusmeta nodes' shows its state)");
            }
        }
        if (session.json()) {
            return Exits.OK;
        }
        Table table = new Table("NODE / WATCHER", "PROCESSES>", "CPU%>", "MEM%>");
        nodes.forEach((name, node) -> {
            table.row(name, Table.count(node.processes()), Table.decimal(node.cpu()), Table.decimal(node.mem()));
            watchers(node).forEach((watcher, figures) -> table.row(row("  " + watcher, figures)));
        });
        if (only.isEmpty() && stats.totals() != null) {
            table.row(row("TOTAL", stats.totals()));
        }
        session.terminal().print(nodes.isEmpty() ? "No live statistics yet: no node's stats stream has sent anything."
                : table.render());
        return Exits.OK;
    }

    /** A node's watchers, by name, sorted. */
    static Map<String, StatsView.Figures> watchers(StatsView.NodeStats node) {
        return new TreeMap<>(node.watchers() == null ? Map.of() : node.watchers());
    }

    /** A row of a name and its figures: processes, cpu%, mem%. */
    static Object[] row(String name, StatsView.Figures figures) {
        return new Object[] {name, Table.count(figures.processes()), Table.decimal(figures.cpu()), Table.decimal(figures.mem())};
    }
}
