package org.circusmeta.manager.core;

import java.time.Duration;

/**
 * Drains a node: cordons it, then moves every cluster watcher on it to another fitting node, at most
 * {@code maxParallel} at a time, each move starting the new copy, waiting until it is active, then
 * stopping the old one. Pinned watchers stay. What is left at the {@code deadline} is reported, not
 * stopped.
 *
 * @param maxParallel how many watchers move at once, at least 1
 */
public record DrainNode(String node, int maxParallel, Duration deadline) implements Change {
    public static final int DEFAULT_MAX_PARALLEL = 1;
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(10);

    @Override
    public String describe() {
        return "drain node " + node + ", " + maxParallel + " watcher" + (maxParallel == 1 ? "" : "s") + " at a time, within "
                + deadline.toSeconds() + " s";
    }
}
