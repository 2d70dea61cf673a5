package org.circusmeta.manager.placement;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything a placement decides from, so that a decision is a pure function of it: the nodes sorted
 * by name, the node the previous placement chose (for round-robin) and a random draw (for random).
 *
 * <p>Immutable.
 */
public record PlacementView(List<Candidate> nodes, Optional<String> previous, long draw) {
    public PlacementView {
        nodes = isSorted(nodes) ? List.copyOf(nodes) : nodes.stream().sorted(Comparator.comparing(Candidate::name)).toList();
    }

    private static boolean isSorted(List<Candidate> nodes) {
        for (int i = 1; i < nodes.size(); i++) {
            if (nodes.get(i - 1).name().compareTo(nodes.get(i).name()) > 0) {
                return false;
            }
        }
        return true;
    }

    public static PlacementView of(List<Candidate> nodes) {
        return new PlacementView(nodes, Optional.empty(), 0);
    }
}
