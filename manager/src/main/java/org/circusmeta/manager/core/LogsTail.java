package org.circusmeta.manager.core;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The last lines of a watcher's output, on every node that has it or on one (what {@code GET /api/logs} asks). */
@FunctionalInterface
public interface LogsTail {
    /** The last {@code lines} lines of {@code watcher} on {@code node}, or on each node that has it, merged oldest first. */
    CompletableFuture<LogsResult> tail(String watcher, Optional<String> node, int lines);
}
