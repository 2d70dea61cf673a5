package org.circusmeta.node.arbiter;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs state-changing operations one at a time, in the order they came. circusd refuses a second one
 * while another runs ({@code arbiter is already running … command}, errno 5); the node queues it
 * instead (docs/protocol.md, "What circusmeta-node does differently"), which spares clients a retry loop.
 *
 * <p>Confined to the node's loop thread; the futures it returns complete there.
 */
public final class OperationQueue {
    private static final Logger LOG = LoggerFactory.getLogger(OperationQueue.class);

    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private boolean running;

    /** Runs the operation now if nothing else runs, otherwise after those queued before it. */
    public <T> CompletableFuture<T> submit(String what, Supplier<? extends CompletionStage<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        waiting.add(() -> run(what, operation, result));
        if (!running) {
            next();
        }
        return result;
    }

    public boolean isBusy() {
        return running;
    }

    private <T> void run(String what, Supplier<? extends CompletionStage<T>> operation, CompletableFuture<T> result) {
        CompletionStage<T> stage;
        try {
            stage = operation.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((value, error) -> {
            if (error != null) {
                LOG.debug("operation {} failed", what, error);
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
            running = false;
            next();
        });
    }

    private void next() {
        Runnable op = waiting.poll();
        if (op != null) {
            running = true;
            op.run();
        }
    }
}
