package org.circusmeta.manager.command;

import java.time.Duration;

/**
 * The one deadline of a call that takes several steps (find the nodes that have a watcher, then act
 * on them): each step gets what is left.
 *
 * <p>Immutable.
 */
public record Deadline(long atNanos, Duration total) {
    static final Duration GRACE = Duration.ofMillis(50);
    private static final Duration MINIMUM = Duration.ofMillis(1);

    public static Deadline in(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos(), duration);
    }

    /** What is left, at least a millisecond, so that a late step still gets its 'timeout' results. */
    public Duration remaining() {
        Duration left = Duration.ofNanos(atNanos - System.nanoTime());
        return left.compareTo(MINIMUM) < 0 ? MINIMUM : left;
    }
}
