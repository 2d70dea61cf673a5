package org.circusmeta.manager.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Every change asked of the cluster, whichever door it came through (the HTTP API, the cluster
 * endpoint, an admin task), with who asked for it. The doors see the use-case layer through this and
 * {@link Reads} only; {@link ClusterChanges} is the manager's, and a check of roles wraps it without
 * a door knowing. docs/architecture.md says how to add a change.
 *
 * <p>Implementations are thread-safe, and every method returns at once: {@code within} bounds how long
 * the nodes are waited for, the result says what came of it.
 */
public interface Changes {
    CompletableFuture<AddResult> add(Actor actor, AddWatcher add, Duration within);

    CompletableFuture<ScaleResult> scale(Actor actor, ScaleWatcher scale, Duration within);

    /** A command on a watcher; an {@code rm} removes it, its cluster record with it. */
    CompletableFuture<RunResult> onWatcher(Actor actor, WatcherCommand command, Duration within);

    CompletableFuture<RunResult> run(Actor actor, RawCommand command, Duration within);

    CompletableFuture<NodeChangeResult> change(Actor actor, NodeChange change);

    /**
     * Starts a rolling restart, once the nodes that have the watcher are known ({@code within} bounds
     * that survey); the operation goes on after the future completes.
     */
    CompletableFuture<OperationResult> restartRolling(Actor actor, RollingRestart restart, Duration within);

    /**
     * Starts a drain, once the node is cordoned (so that nothing new lands on it meanwhile); the
     * operation goes on after the future completes.
     */
    CompletableFuture<OperationResult> drain(Actor actor, DrainNode drain);

    /**
     * Starts an apply once its plan is made (the operation's steps show it); a dry run is over then, else
     * the operation goes on after the future completes. {@code within} bounds each add, scale and removal.
     */
    CompletableFuture<OperationResult> apply(Actor actor, ApplyState apply, Duration within);
}
