package org.circusmeta.manager.placement;

/**
 * A fitting node drawn at random: the view's draw picks it, so that a seeded draw gives the same
 * choices again. Ignores load.
 *
 * <p>Stateless and thread-safe.
 */
public final class RandomPlacement implements Placement {
    @Override
    public PlacementDecision place(WatcherSpec watcher, PlacementView view) {
        Fitting fitting = Fitting.of(watcher, view);
        Candidate chosen = fitting.nodes().get((int) Math.floorMod(view.draw(), (long) fitting.nodes().size()));
        return new PlacementDecision(chosen.name(), "drawn at random " + fitting.among(watcher));
    }
}
