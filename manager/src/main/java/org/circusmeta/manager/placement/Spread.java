package org.circusmeta.manager.placement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The copies of a watcher over the values of one label (its {@code spread}): the next copy goes to a
 * value that holds the fewest copies so far, so that copies cover as many values as there are before
 * any value holds two (Nomad's {@code spread}). A node without the label counts as a value of its own.
 * Narrows the fitting nodes; the strategy then chooses among them. A pure function of its input.
 */
final class Spread {
    private static final String NO_LABEL = "";

    /** The nodes left to choose from, and the choice in words for the reason (empty without a spread). */
    record Narrowed(List<Candidate> nodes, String reason) {}

    private Spread() {}

    /** @param holding the nodes that hold a copy already */
    static Narrowed narrow(WatcherSpec watcher, List<Candidate> nodes, Collection<String> holding) {
        if (watcher.spread().isEmpty()) {
            return new Narrowed(nodes, "");
        }
        String label = watcher.spread().get();
        Map<String, Candidate> byName = new HashMap<>();
        nodes.forEach(n -> byName.put(n.name(), n));
        Map<String, Integer> copies = new HashMap<>();
        for (String node : holding) {
            Optional.ofNullable(byName.get(node)).ifPresent(n -> copies.merge(value(n, label), 1, Integer::sum));
        }
        List<Candidate> fitting = Fitting.sort(watcher, PlacementView.of(nodes)).nodes();
        int fewest = fitting.stream().mapToInt(n -> copies.getOrDefault(value(n, label), 0)).min().orElse(0);
        List<Candidate> narrowed = new ArrayList<>();
        for (Candidate node : fitting) {
            if (copies.getOrDefault(value(node, label), 0) == fewest) {
                narrowed.add(node);
            }
        }
        if (narrowed.isEmpty()) {
            return new Narrowed(nodes, "");
        }
        return new Narrowed(narrowed, ", spread by " + label + ": " + fewest + " cop" + (fewest == 1 ? "y" : "ies")
                + " on " + describe(value(narrowed.get(0), label), label) + (narrowed.size() > 1 ? " and the like" : "")
                + " before it, the fewest");
    }

    private static String value(Candidate node, String label) {
        return node.labels().getOrDefault(label, NO_LABEL);
    }

    private static String describe(String value, String label) {
        return value.equals(NO_LABEL) ? "nodes without " + label : label + "=" + value;
    }
}
