package org.circusmeta.manager.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.circusmeta.manager.aggregation.ClusterStats;
import org.circusmeta.manager.aggregation.NodeStats;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.nodes.NodeSummary;
import org.circusmeta.registration.record.NodeRecord;

/**
 * The nodes as observed now: state, eligibility, labels and capacity from the registry and the
 * connections; cpu, memory, process count and watcher names from the stats streams, or, for a node
 * whose stats have nothing fresh (it has no stats stream, its stream has not reported yet, or it went
 * quiet), the process count its liveness probe read. The watcher names of one stats snapshot are computed
 * once and kept, so that reservations see an unchanged set and skip their sweep.
 *
 * <p>Thread-safe.
 */
public final class LiveCandidates implements Supplier<List<Candidate>> {
    private record Named(ClusterStats stats, Map<String, Set<String>> names) {}

    private final NodeConnections connections;
    private final Supplier<ClusterStats> stats;
    private volatile Named named = new Named(null, Map.of());

    public LiveCandidates(NodeConnections connections, Supplier<ClusterStats> stats) {
        this.connections = connections;
        this.stats = stats;
    }

    @Override
    public List<Candidate> get() {
        ClusterStats now = stats.get();
        Map<String, Set<String>> names = names(now);
        List<NodeSummary> summaries = connections.summaries();
        List<Candidate> nodes = new ArrayList<>(summaries.size());
        for (NodeSummary node : summaries) {
            Map<String, String> labels = node.record().map(NodeRecord::labels).orElse(Map.of());
            double capacity = node.record().map(NodeRecord::capacity).orElse(1.0);
            int watchers = Math.max(0, node.load().watchers());
            NodeStats live = now.node(node.name()).orElse(null);
            // A node whose stats have nothing fresh (none yet, or it went quiet) counts what its probe read: unknown
            // load is not zero. Reservations then count only the adds it answered after that probe was asked.
            nodes.add(live == null
                    ? new Candidate(node.name(), node.state(), node.eligible(), labels, capacity, 0, 0,
                            Math.max(0, node.load().processes()), watchers, Set.of(), Set.of(), node.load().processesAskedAt())
                    : new Candidate(node.name(), node.state(), node.eligible(), labels, capacity, live.total().cpu(),
                            live.total().mem(), live.total().processes(), watchers,
                            names.getOrDefault(node.name(), Set.of()), Set.of()));
        }
        return nodes;
    }

    private Map<String, Set<String>> names(ClusterStats now) {
        Named known = named;
        if (known.stats() == now) {
            return known.names();
        }
        Map<String, Set<String>> byNode = new HashMap<>();
        // A watcher just added may report before its processes have started: it counts as shown (and its
        // reservation ends) only once its stats show a process.
        now.nodes().forEach((node, live) -> byNode.put(node, live.watchers().entrySet().stream()
                .filter(w -> w.getValue().processes() > 0)
                .map(w -> w.getKey().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet())));
        named = new Named(now, byNode);
        return byNode;
    }
}
