package org.circusmeta.manager.core;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every change down in the {@link AuditLog} once it is done (or refused, or failed), before its
 * door sees the result: who, what, the nodes, what came of it. A circus command that only reads (a
 * circusctl {@code status}) is no change and is not written down.
 *
 * <p>Thread-safe.
 */
public final class AuditTrail extends ChangesAround {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditLog log;
    private final Clock clock;

    public AuditTrail(Changes next, AuditLog log, Clock clock) {
        super(next);
        this.log = log;
        this.clock = clock;
    }

    @Override
    <R> CompletableFuture<R> around(Actor actor, Change change, Function<Failure.Forbidden, R> refused,
            Supplier<CompletableFuture<R>> call) {
        if (change.needs() == Role.READ) {
            return call.get();
        }
        Instant at = clock.instant();
        CompletableFuture<R> result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            write(at, actor, change, null, e);
            throw e;
        }
        return result.whenComplete((done, error) -> write(at, actor, change, done, error));
    }

    private void write(Instant at, Actor actor, Change change, Object done, Throwable error) {
        try {
            log.record(AuditEntries.of(at, actor, change, done, error));
        } catch (RuntimeException e) {
            LOG.error("could not write down '{}' by {} in the audit", change.describe(), actor, e);
        }
    }
}
