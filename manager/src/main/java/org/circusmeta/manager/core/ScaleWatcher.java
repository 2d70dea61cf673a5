package org.circusmeta.manager.core;

import org.circusmeta.manager.watchers.Instances;

/**
 * Changes how many copies of a cluster watcher run: new copies placed (spread as the watcher says),
 * surplus ones removed from the most loaded nodes (docs/placement.md).
 */
public record ScaleWatcher(String watcher, Instances instances) implements Change {
    @Override
    public String describe() {
        return "scale cluster watcher " + watcher + " to " + instances + (instances.isEvery() ? " nodes" : " copies");
    }

    /** Like incr and decr, on copies: the watcher exists already. */
    @Override
    public Role needs() {
        return Role.OPERATE;
    }
}
