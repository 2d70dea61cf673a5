package org.circusmeta.manager.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every change asked of the cluster passes here, whichever door it came through (the HTTP API, the
 * cluster endpoint, an admin task), with who asked for it: the one place to check a role or write
 * an audit line. Each change is then done by the one class that does it: {@link WatcherAdds},
 * {@link WatcherCommands}, {@link RawCommands}, {@link NodeChanges}. docs/architecture.md says how to
 * add one.
 *
 * <p>Thread-safe. Every method returns at once; {@code within} bounds how long the nodes are waited for.
 */
public final class Changes {
    private static final Logger LOG = LoggerFactory.getLogger(Changes.class);

    private final WatcherAdds adds;
    private final WatcherCommands watchers;
    private final RawCommands commands;
    private final NodeChanges nodes;

    public Changes(WatcherAdds adds, WatcherCommands watchers, RawCommands commands, NodeChanges nodes) {
        this.adds = adds;
        this.watchers = watchers;
        this.commands = commands;
        this.nodes = nodes;
    }

    public CompletableFuture<AddResult> add(Actor actor, AddWatcher add, Duration within) {
        admit(actor, add);
        return adds.add(add, within);
    }

    /** A command on a watcher; an {@code rm} removes it, record and all. */
    public CompletableFuture<RunResult> onWatcher(Actor actor, WatcherCommand command, Duration within) {
        admit(actor, command);
        return command.isRemoval() ? watchers.remove(command, within) : watchers.run(command, within);
    }

    public CompletableFuture<RunResult> run(Actor actor, RawCommand command, Duration within) {
        admit(actor, command);
        return commands.run(command, within);
    }

    public CompletableFuture<NodeChangeResult> change(Actor actor, NodeChange change) {
        admit(actor, change);
        return nodes.change(change);
    }

    private static void admit(Actor actor, Change change) {
        LOG.debug("{} asks to {}", actor, change.describe());
    }
}
