package org.circusmeta.manager.placement;

import java.util.Locale;

/** The node's weighted load divided by its capacity: a node of capacity 2 takes twice the load. Immutable. */
final class LoadPerCapacity implements Score {
    private final Weights weights;

    LoadPerCapacity(Weights weights) {
        this.weights = weights;
    }

    @Override
    public double of(Candidate node) {
        return node.loadPerCapacity(weights);
    }

    @Override
    public String describe(Candidate node) {
        return String.format(Locale.ROOT, "load per capacity %.3f", of(node));
    }
}
