package org.circusmeta.manager.placement;

/** Fewer watchers first: the tie-break after load. Stateless. */
final class WatcherCount implements Score {
    @Override
    public double of(Candidate node) {
        return Math.max(0, node.watchers());
    }

    @Override
    public String describe(Candidate node) {
        return Math.max(0, node.watchers()) + " watchers";
    }
}
