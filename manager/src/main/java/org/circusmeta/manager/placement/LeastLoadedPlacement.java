package org.circusmeta.manager.placement;

import java.util.Comparator;
import java.util.List;

/**
 * The default strategy (docs/placement.md): among the fitting nodes, the lowest load per unit of capacity; ties go to
 * the node with fewer watchers, then by name.
 *
 * <p>Immutable and thread-safe.
 */
public final class LeastLoadedPlacement implements Placement {
    private final Score load;
    private final Score watchers = new WatcherCount();
    private final Comparator<Candidate> order;

    public LeastLoadedPlacement(Weights weights) {
        this.load = new LoadPerCapacity(weights);
        this.order = Comparator.<Candidate>comparingDouble(load::of)
                .thenComparingDouble(watchers::of)
                .thenComparing(Candidate::name);
    }

    @Override
    public PlacementDecision place(WatcherSpec watcher, PlacementView view) {
        Fitting fitting = Fitting.of(watcher, view);
        List<Candidate> nodes = fitting.nodes();
        Candidate best = nodes.get(0);
        double bestLoad = load.of(best);
        for (int i = 1; i < nodes.size(); i++) {
            Candidate node = nodes.get(i);
            double nodeLoad = load.of(node);
            if (nodeLoad < bestLoad || nodeLoad == bestLoad && order.compare(node, best) < 0) {
                best = node;
                bestLoad = nodeLoad;
            }
        }
        return new PlacementDecision(best.name(), "lowest " + load.describe(best) + " (" + watchers.describe(best) + ") "
                + fitting.among(watcher));
    }
}
