package org.circusmeta.manager.core;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs the steps of an operation, at most {@code parallel} at a time, in order: the next one starts as
 * soon as one is over, and {@code end} runs once, after the last. A step says its own result on the
 * operation; what it completes with, or fails with, only paces the next.
 *
 * <p>Thread-safe: the next step is taken under its lock, from the completion of the one before.
 */
final class InTurn {
    private final List<Supplier<CompletableFuture<?>>> steps;
    private final int parallel;
    private final Runnable end;
    private int next;
    private int running;
    private boolean ended;

    InTurn(List<Supplier<CompletableFuture<?>>> steps, int parallel, Runnable end) {
        this.steps = List.copyOf(steps);
        this.parallel = parallel;
        this.end = end;
    }

    void start() {
        if (steps.isEmpty()) {
            end.run();
            return;
        }
        for (int i = 0; i < Math.min(parallel, steps.size()); i++) {
            runNext();
        }
    }

    private void runNext() {
        Supplier<CompletableFuture<?>> step;
        synchronized (this) {
            if (next >= steps.size()) {
                if (running > 0 || ended) {
                    return;
                }
                ended = true;
                step = null;
            } else {
                step = steps.get(next++);
                running++;
            }
        }
        if (step == null) {
            end.run();
            return;
        }
        CompletableFuture<?> done;
        try {
            done = step.get();
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((result, error) -> {
            synchronized (this) {
                running--;
            }
            runNext();
        });
    }
}
