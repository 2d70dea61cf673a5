package org.circusmeta.manager.placement;

import java.util.Map;

/**
 * What placement needs to know of a watcher to be added.
 *
 * @param constraints labels a node must carry, each with exactly this value
 * @param numprocesses processes it will start, for strategies that weigh them
 */
public record WatcherSpec(String name, Map<String, String> constraints, int numprocesses) {
    public WatcherSpec {
        constraints = Map.copyOf(constraints);
    }
}
