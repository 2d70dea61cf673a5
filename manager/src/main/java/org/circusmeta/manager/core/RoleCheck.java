package org.circusmeta.manager.core;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Lets a change through only when the caller's role covers the one it needs ({@link Change#needs()});
 * otherwise answers {@link Failure.Forbidden} at once, saying which role it takes, and nothing is done.
 *
 * <p>Thread-safe (stateless).
 */
public final class RoleCheck extends ChangesAround {
    public RoleCheck(Changes next) {
        super(next);
    }

    @Override
    <R> CompletableFuture<R> around(Actor actor, Change change, Function<Failure.Forbidden, R> refused,
            Supplier<CompletableFuture<R>> call) {
        Role needed = change.needs();
        if (actor.role().covers(needed)) {
            return call.get();
        }
        return CompletableFuture.completedFuture(refused.apply(new Failure.Forbidden(actor, needed, change.describe())));
    }
}
