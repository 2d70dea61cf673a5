package org.circusmeta.manager.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Changes} of this manager: every change passes {@link #admit}, with who asked for it (the
 * one place to check a role or write an audit line), then goes to the one class that does it:
 * {@link WatcherAdds}, {@link WatcherScales}, {@link WatcherCommands} ({@link WatcherRemovals} for an
 * {@code rm}), {@link RawCommands}, {@link NodeChanges}, {@link RollingRestarts}, {@link NodeDrains}, {@link Applies}.
 *
 * <p>Thread-safe. Every method returns at once.
 */
public final class ClusterChanges implements Changes {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterChanges.class);

    private final WatcherAdds adds;
    private final WatcherCommands watchers;
    private final WatcherRemovals removals;
    private final WatcherScales scales;
    private final RawCommands commands;
    private final NodeChanges nodes;
    private final RollingRestarts rolls;
    private final NodeDrains drains;
    private final Applies applies;

    public ClusterChanges(Parts parts) {
        this.adds = new WatcherAdds(parts);
        this.watchers = new WatcherCommands(parts);
        this.removals = new WatcherRemovals(parts, watchers);
        this.scales = new WatcherScales(parts);
        this.commands = new RawCommands(parts);
        this.nodes = new NodeChanges(parts);
        this.rolls = new RollingRestarts(parts);
        this.drains = new NodeDrains(parts);
        this.applies = new Applies(parts, new WatcherUseCases(adds, scales, removals));
    }

    @Override
    public CompletableFuture<AddResult> add(Actor actor, AddWatcher add, Duration within) {
        admit(actor, add);
        return adds.add(add, within);
    }

    @Override
    public CompletableFuture<ScaleResult> scale(Actor actor, ScaleWatcher scale, Duration within) {
        admit(actor, scale);
        return scales.scale(scale, within);
    }

    @Override
    public CompletableFuture<RunResult> onWatcher(Actor actor, WatcherCommand command, Duration within) {
        admit(actor, command);
        return command.isRemoval() ? removals.remove(command, within) : watchers.run(command, within);
    }

    @Override
    public CompletableFuture<RunResult> run(Actor actor, RawCommand command, Duration within) {
        admit(actor, command);
        return commands.run(command, within);
    }

    @Override
    public CompletableFuture<NodeChangeResult> change(Actor actor, NodeChange change) {
        admit(actor, change);
        return nodes.change(change, actor);
    }

    @Override
    public CompletableFuture<OperationResult> restartRolling(Actor actor, RollingRestart restart, Duration within) {
        admit(actor, restart);
        return rolls.start(restart, within);
    }

    @Override
    public CompletableFuture<OperationResult> drain(Actor actor, DrainNode drain) {
        admit(actor, drain);
        return drains.start(drain, actor);
    }

    @Override
    public CompletableFuture<OperationResult> apply(Actor actor, ApplyState apply, Duration within) {
        admit(actor, apply);
        return applies.start(apply, within);
    }

    private static void admit(Actor actor, Change change) {
        LOG.debug("{} asks to {}", actor, change.describe());
    }
}
