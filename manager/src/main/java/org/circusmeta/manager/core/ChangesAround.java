package org.circusmeta.manager.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link Changes} around another: each change goes through {@link #around}, which calls on to the
 * changes it wraps (or does not). {@link RoleCheck} and {@link AuditTrail} are such, so that every door
 * gets both without knowing. A new method of {@link Changes} is one method here, like those below: the
 * change, its refusal as that method's result ({@code f -> f}: a result type must admit
 * {@link Failure.Forbidden}), and the call on; the decorators need nothing new.
 *
 * <p>Thread-safe if {@link #around} is.
 */
public abstract class ChangesAround implements Changes {
    private final Changes next;

    protected ChangesAround(Changes next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    /**
     * Does what this decorator does about one change.
     *
     * @param refused the change's refusal, as the result the method returns
     * @param call the change, on the changes wrapped
     */
    abstract <R> CompletableFuture<R> around(Actor actor, Change change, Function<Failure.Forbidden, R> refused,
            Supplier<CompletableFuture<R>> call);

    @Override
    public CompletableFuture<AddResult> add(Actor actor, AddWatcher add, Duration within) {
        return around(actor, add, f -> f, () -> next.add(actor, add, within));
    }

    @Override
    public CompletableFuture<ScaleResult> scale(Actor actor, ScaleWatcher scale, Duration within) {
        return around(actor, scale, f -> f, () -> next.scale(actor, scale, within));
    }

    @Override
    public CompletableFuture<RunResult> onWatcher(Actor actor, WatcherCommand command, Duration within) {
        return around(actor, command, f -> f, () -> next.onWatcher(actor, command, within));
    }

    @Override
    public CompletableFuture<RunResult> run(Actor actor, RawCommand command, Duration within) {
        return around(actor, command, f -> f, () -> next.run(actor, command, within));
    }

    @Override
    public CompletableFuture<NodeChangeResult> change(Actor actor, NodeChange change) {
        return around(actor, change, f -> f, () -> next.change(actor, change));
    }

    @Override
    public CompletableFuture<OperationResult> restartRolling(Actor actor, RollingRestart restart, Duration within) {
        return around(actor, restart, f -> f, () -> next.restartRolling(actor, restart, within));
    }

    @Override
    public CompletableFuture<OperationResult> drain(Actor actor, DrainNode drain) {
        return around(actor, drain, f -> f, () -> next.drain(actor, drain));
    }

    @Override
    public CompletableFuture<OperationResult> apply(Actor actor, ApplyState apply, Duration within) {
        return around(actor, apply, f -> f, () -> next.apply(actor, apply, within));
    }
}
