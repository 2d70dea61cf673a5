package org.circusmeta.manager.placement;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What placement needs to know of a watcher to be added.
 *
 * @param constraints labels a node must carry, each with exactly this value
 * @param numprocesses processes it will start, for strategies that weigh them
 * @param avoid nodes that must not take it, each with why in words (they hold a copy of it already)
 * @param spread the label whose values its copies go to as many of as possible, one copy each first
 */
public record WatcherSpec(String name, Map<String, String> constraints, int numprocesses, Map<String, String> avoid,
        Optional<String> spread) {
    public WatcherSpec {
        constraints = Map.copyOf(constraints);
        avoid = Map.copyOf(avoid);
    }

    public WatcherSpec(String name, Map<String, String> constraints, int numprocesses) {
        this(name, constraints, numprocesses, Map.of(), Optional.empty());
    }

    /** This watcher, kept off one more node. */
    public WatcherSpec avoiding(String node, String why) {
        Map<String, String> more = new TreeMap<>(avoid);
        more.put(node, why);
        return new WatcherSpec(name, constraints, numprocesses, more, spread);
    }

    public WatcherSpec spreadOver(Optional<String> label) {
        return new WatcherSpec(name, constraints, numprocesses, avoid, label);
    }
}
