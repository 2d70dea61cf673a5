package org.circusmeta.manager.placement;

/**
 * Chooses the node for a watcher added without one: a pure function of the view, with a
 * deterministic tie-break. The strategies of docs/placement.md implement it; {@link PlacementFactory} picks
 * one from {@code placement.strategy}, and {@link Placer} gives it the live view.
 */
@FunctionalInterface
public interface Placement {
    /** @throws NoNodeFitsException saying why each node was rejected */
    PlacementDecision place(WatcherSpec watcher, PlacementView view);
}
