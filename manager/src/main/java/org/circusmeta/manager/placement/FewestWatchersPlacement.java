package org.circusmeta.manager.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.manager.nodes.NodeState;
import org.circusmeta.manager.nodes.NodeSummary;

/**
 * The attached node with the fewest watchers among those whose labels satisfy the constraints; ties
 * by name. Stands in until placement by load (SPEC §4.3) lands.
 *
 * <p>Stateless and thread-safe.
 */
public final class FewestWatchersPlacement implements Placement {
    private static final Comparator<NodeSummary> ORDER =
            Comparator.<NodeSummary>comparingInt(n -> Math.max(0, n.load().watchers())).thenComparing(NodeSummary::name);

    @Override
    public PlacementDecision place(WatcherSpec watcher, List<NodeSummary> nodes) {
        List<NodeSummary> fitting = new ArrayList<>();
        List<String> rejections = new ArrayList<>();
        for (NodeSummary node : nodes) {
            Optional<String> why = rejection(node, watcher.constraints());
            if (why.isPresent()) {
                rejections.add(node.name() + ": " + why.get());
            } else {
                fitting.add(node);
            }
        }
        NodeSummary chosen = fitting.stream().min(ORDER).orElseThrow(() -> new NoNodeFitsException(
                "no node can take watcher '" + watcher.name() + "'" + (nodes.isEmpty() ? ": no node is registered"
                        : " (" + String.join("; ", rejections) + ")")
                        + "; start or attach a node, relax the constraints, or name a node"));
        return new PlacementDecision(chosen.name(), chosen.name() + " has the fewest watchers ("
                + Math.max(0, chosen.load().watchers()) + ") of the " + fitting.size() + " attached node"
                + (fitting.size() == 1 ? "" : "s") + (watcher.constraints().isEmpty() ? "" : " matching " + watcher.constraints()));
    }

    private static Optional<String> rejection(NodeSummary node, Map<String, String> constraints) {
        if (node.state() != NodeState.ATTACHED) {
            return Optional.of(node.state().wireName());
        }
        Map<String, String> labels = node.record().map(r -> r.labels()).orElse(Map.of());
        for (Map.Entry<String, String> c : constraints.entrySet()) {
            String actual = labels.get(c.getKey());
            if (!c.getValue().equals(actual)) {
                return Optional.of(actual == null ? "has no label '" + c.getKey() + "'"
                        : "label " + c.getKey() + " is '" + actual + "', not '" + c.getValue() + "'");
            }
        }
        return Optional.empty();
    }
}
