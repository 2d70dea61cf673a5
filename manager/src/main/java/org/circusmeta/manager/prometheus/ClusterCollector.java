package org.circusmeta.manager.prometheus;

import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.circusmeta.manager.aggregation.ClusterStats;
import org.circusmeta.manager.aggregation.Figures;
import org.circusmeta.manager.aggregation.NodeStats;
import org.circusmeta.manager.nodes.NodeState;
import org.circusmeta.manager.nodes.NodeSummary;
import org.circusmeta.manager.reconcile.ClusterRecords;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord;

/**
 * The cluster as labelled Prometheus gauges, read at each scrape from what the manager already holds
 * (the registry's view, the live stats, the cluster watcher records; nothing is asked of a node):
 * each node's state, its processes, cpu and mem, each watcher's on each node, and each cluster
 * watcher's copies wanted, placed and running. Thread-safe (it reads immutable snapshots).
 */
final class ClusterCollector extends Collector {
    private static final List<String> NODE = List.of("node");
    private static final List<String> NODE_WATCHER = List.of("node", "watcher");
    private static final List<String> WATCHER = List.of("watcher");

    private final Supplier<List<NodeSummary>> nodes;
    private final Supplier<ClusterStats> stats;
    private final Supplier<SortedMap<String, ClusterRecords.Stored>> records;

    ClusterCollector(Supplier<List<NodeSummary>> nodes, Supplier<ClusterStats> stats,
            Supplier<SortedMap<String, ClusterRecords.Stored>> records) {
        this.nodes = nodes;
        this.stats = stats;
        this.records = records;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        ClusterStats now = stats.get();
        List<MetricFamilySamples> families = new ArrayList<>();
        families.add(states(nodes.get()));
        families.addAll(nodeFigures(now.nodes().values()));
        families.addAll(watcherFigures(now.nodes().values()));
        families.addAll(copies(records.get().values(), now));
        return families;
    }

    private static GaugeMetricFamily states(List<NodeSummary> summaries) {
        GaugeMetricFamily states = new GaugeMetricFamily("circusmeta_node_state",
                "1 for the state each registered node is in, 0 for the others", List.of("node", "state"));
        for (NodeSummary node : summaries) {
            for (NodeState state : NodeState.values()) {
                states.addMetric(List.of(node.name(), state.wireName()), node.state() == state ? 1 : 0);
            }
        }
        return states;
    }

    private static List<MetricFamilySamples> nodeFigures(Collection<NodeStats> reporting) {
        List<Map.Entry<List<String>, Figures>> rows = new ArrayList<>();
        reporting.forEach(node -> rows.add(Map.entry(List.of(node.node()), node.total())));
        return figures("circusmeta_node", "the watchers' processes of each node reporting live stats", NODE, rows);
    }

    private static List<MetricFamilySamples> watcherFigures(Collection<NodeStats> reporting) {
        List<Map.Entry<List<String>, Figures>> rows = new ArrayList<>();
        reporting.forEach(node -> node.watchers().forEach((watcher, f) -> rows.add(Map.entry(List.of(node.node(), watcher), f))));
        return figures("circusmeta_watcher", "each watcher's processes on each node reporting live stats", NODE_WATCHER, rows);
    }

    private static List<MetricFamilySamples> figures(String prefix, String of, List<String> labels,
            List<Map.Entry<List<String>, Figures>> rows) {
        return List.of(
                gauge(prefix + "_processes", "Processes: " + of, labels, rows, Figures::processes),
                gauge(prefix + "_cpu_percent", "CPU in percent of one core, summed: " + of, labels, rows, Figures::cpu),
                gauge(prefix + "_mem_percent", "Memory in percent of the node's, summed: " + of, labels, rows, Figures::mem));
    }

    private static GaugeMetricFamily gauge(String name, String help, List<String> labels,
            List<Map.Entry<List<String>, Figures>> rows, ToDoubleFunction<Figures> value) {
        GaugeMetricFamily family = new GaugeMetricFamily(name, help, labels);
        rows.forEach(row -> family.addMetric(row.getKey(), value.applyAsDouble(row.getValue())));
        return family;
    }

    private static List<MetricFamilySamples> copies(Collection<ClusterRecords.Stored> stored, ClusterStats now) {
        GaugeMetricFamily wanted = new GaugeMetricFamily("circusmeta_watcher_copies_wanted",
                "Copies each cluster watcher asks for (with instances \"all\": the copies placed)", WATCHER);
        GaugeMetricFamily placed = new GaugeMetricFamily("circusmeta_watcher_copies_placed",
                "Copies of each cluster watcher that its record places on a node", WATCHER);
        GaugeMetricFamily running = new GaugeMetricFamily("circusmeta_watcher_copies_running",
                "Copies of each cluster watcher whose node reports live processes of it", WATCHER);
        for (ClusterRecords.Stored s : stored) {
            ClusterWatcherRecord r = s.record();
            List<String> name = List.of(r.name());
            wanted.addMetric(name, r.instances().isEvery() ? r.nodes().size() : r.instances().count());
            placed.addMetric(name, r.nodes().size());
            running.addMetric(name, r.nodes().stream().filter(node -> runs(now.node(node), r.name())).count());
        }
        return List.of(wanted, placed, running);
    }

    private static boolean runs(Optional<NodeStats> node, String watcher) {
        return node.map(n -> n.watchers().get(watcher)).filter(f -> f.processes() > 0).isPresent();
    }
}
