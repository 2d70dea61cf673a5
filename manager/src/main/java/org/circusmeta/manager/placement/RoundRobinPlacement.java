package org.circusmeta.manager.placement;

/**
 * The fitting node that follows, by name, the one the previous placement chose; after the last
 * comes the first. Ignores load.
 *
 * <p>Stateless and thread-safe: the previous choice is part of the view.
 */
public final class RoundRobinPlacement implements Placement {
    @Override
    public PlacementDecision place(WatcherSpec watcher, PlacementView view) {
        Fitting fitting = Fitting.of(watcher, view);
        Candidate chosen = fitting.nodes().get(0);
        if (view.previous().isPresent()) {
            String previous = view.previous().get();
            for (Candidate node : fitting.nodes()) {
                if (node.name().compareTo(previous) > 0) {
                    chosen = node;
                    break;
                }
            }
        }
        return new PlacementDecision(chosen.name(), "next in turn after " + view.previous().orElse("none") + " "
                + fitting.among(watcher));
    }
}
