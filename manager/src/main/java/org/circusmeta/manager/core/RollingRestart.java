package org.circusmeta.manager.core;

import java.time.Duration;
import java.util.Optional;

/**
 * Restarts a watcher one batch of nodes at a time: the next batch starts only once every node of the
 * previous one runs the watcher {@code active} with the same processes for {@code healthyFor}; the
 * first batch that is not healthy within {@code timeout} stops the roll.
 *
 * @param node on that node only; else on every node that has the watcher, by name
 * @param batch how many nodes restart at once, at least 1
 */
public record RollingRestart(String watcher, Optional<String> node, int batch, Duration healthyFor, Duration timeout)
        implements Change {
    public static final int DEFAULT_BATCH = 1;
    public static final Duration DEFAULT_HEALTHY_FOR = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String describe() {
        return "restart watcher " + watcher + node.map(n -> " on node " + n).orElse(" on every node that has it")
                + ", " + batch + " node" + (batch == 1 ? "" : "s") + " at a time, each healthy for " + healthyFor.toMillis()
                + " ms within " + timeout.toMillis() + " ms";
    }

    @Override
    public Role needs() {
        return Role.OPERATE;
    }
}
