package org.circusmeta.manager.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.circusmeta.manager.aggregation.ClusterStats;
import org.circusmeta.manager.aggregation.Figures;
import org.circusmeta.manager.placement.Placer;
import org.circusmeta.manager.placement.Rebalancing;
import org.circusmeta.manager.placement.Weights;

/**
 * The load-evening part of a rebalance: the copies of cluster watchers that run where their records
 * say are movable (not those of pinned watchers, nor of watchers on every node), each weighing what its stats show (or its processes, before they show); {@link Rebalancing}
 * picks the moves from the placer's view, and the reconciliation carries them out.
 *
 * <p>Thread-safe; {@link #even} runs on the reconciler thread.
 */
public final class LoadBalance {
    private final ClusterRecords records;
    private final Placer placer;
    private final Supplier<ClusterStats> stats;
    private final Rebalancing rebalancing;

    public LoadBalance(ClusterRecords records, Placer placer, Supplier<ClusterStats> stats, Weights weights) {
        this.records = records;
        this.placer = placer;
        this.stats = stats;
        this.rebalancing = new Rebalancing(weights);
    }

    Placer placer() {
        return placer;
    }

    void even(Map<String, Set<String>> running, Reconciliation act, Consumer<String> said) {
        ClusterStats live = stats.get();
        List<Rebalancing.Movable> movable = new ArrayList<>();
        for (ClusterRecords.Stored stored : records.current().values()) {
            ClusterWatcherRecord r = stored.record();
            if (r.pinned() || r.instances().isEvery() || r.removing()) {
                continue;
            }
            for (String node : r.nodes()) {
                if (running.getOrDefault(node, Set.of()).contains(r.key())) {
                    Figures figures = live.node(node).map(n -> n.watchers().get(r.key()))
                            .orElse(new Figures(0, 0, r.numprocesses()));
                    movable.add(new Rebalancing.Movable(r.watcherSpec(), node, figures.cpu(), figures.mem(),
                            figures.processes()));
                }
            }
        }
        List<Rebalancing.Move> moves = rebalancing.plan(placer.view(), movable);
        if (moves.isEmpty()) {
            said.accept("the " + movable.size() + " running cluster watchers are balanced: no move would lower the most"
                    + " loaded node's load per capacity");
        }
        for (Rebalancing.Move move : moves) {
            records.get(move.watcher()).ifPresent(stored -> act.rebalance(stored, move));
        }
    }
}
