package org.circusmeta.manager.placement;

/** A soft constraint: how much a node is worth avoiding for a watcher; lower is better. */
interface Score {
    double of(Candidate node);

    /** The figure in words, for the decision's reason: {@code load per capacity 0.12}. */
    String describe(Candidate node);
}
