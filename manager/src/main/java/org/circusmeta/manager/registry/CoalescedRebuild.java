package org.circusmeta.manager.registry;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A rebuild run on an executor after changes, at most one waiting at a time: watch callbacks only
 * {@link #request()} it, so a storm of changes costs one rebuild, made from the state as it is when
 * the rebuild runs. A request refused by a closing executor is dropped.
 *
 * <p>Thread-safe.
 */
public final class CoalescedRebuild {
    private final Executor executor;
    private final Runnable rebuild;
    private final AtomicBoolean pending = new AtomicBoolean();

    public CoalescedRebuild(Executor executor, Runnable rebuild) {
        this.executor = executor;
        this.rebuild = rebuild;
    }

    public void request() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::run);
        } catch (RejectedExecutionException e) {
            pending.set(false);
        }
    }

    private void run() {
        // Cleared first: a change during the rebuild asks for another one.
        pending.set(false);
        rebuild.run();
    }
}
