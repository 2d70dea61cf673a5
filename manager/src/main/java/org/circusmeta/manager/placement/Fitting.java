package org.circusmeta.manager.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The nodes that pass every hard constraint, or, when none does, the exception that says why each
 * was rejected.
 *
 * <p>Immutable.
 */
record Fitting(List<Candidate> nodes, List<String> rejections) {
    static Fitting of(WatcherSpec watcher, PlacementView view) {
        Fitting fitting = sort(watcher, view);
        if (fitting.nodes().isEmpty()) {
            throw new NoNodeFitsException("no node can take watcher '" + watcher.name() + "'" + fitting.why(view)
                    + "; start or attach a node, relax the constraints, or name a node");
        }
        return fitting;
    }

    /** The nodes that fit and those that do not, with why; none fitting is an answer too. */
    static Fitting sort(WatcherSpec watcher, PlacementView view) {
        List<Candidate> fitting = new ArrayList<>();
        List<String> rejections = new ArrayList<>();
        for (Candidate node : view.nodes()) {
            Optional<String> why = firstRejection(watcher, node);
            if (why.isPresent()) {
                rejections.add(node.name() + ": " + why.get());
            } else {
                fitting.add(node);
            }
        }
        return new Fitting(List.copyOf(fitting), List.copyOf(rejections));
    }

    /** ": no node is registered", or each rejected node with why, in parentheses. */
    String why(PlacementView view) {
        return view.nodes().isEmpty() ? ": no node is registered" : " (" + String.join("; ", rejections) + ")";
    }

    private static Optional<String> firstRejection(WatcherSpec watcher, Candidate node) {
        for (HardConstraint constraint : HardConstraint.ALL) {
            Optional<String> why = constraint.rejects(watcher, node);
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    /** "of the 3 fitting nodes" or "of the 2 nodes matching {zone=eu}", for reasons. */
    String among(WatcherSpec watcher) {
        return "of the " + nodes.size() + " fitting node" + (nodes.size() == 1 ? "" : "s")
                + (watcher.constraints().isEmpty() ? "" : " matching " + watcher.constraints());
    }
}
