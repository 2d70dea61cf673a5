package org.circusmeta.manager.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rolling restart as it runs: its nodes in batches, in order; each batch's nodes restarted at
 * once ({@link NodeRestart}), the next batch started only when every node of this one is healthy.
 * The first batch with a node that is not stops the roll: that node {@code failed}, the nodes after
 * the batch {@code not-started}.
 *
 * <p>Thread-safe: one batch at a time, each continued from the completion of the one before (on a
 * socket-loop or timer thread).
 */
final class Roll {
    static final String PENDING = "pending";
    static final String RESTARTING = "restarting";
    static final String RESTARTED = "restarted";
    static final String FAILED = "failed";
    static final String NOT_STARTED = "not-started";
    private static final Logger LOG = LoggerFactory.getLogger(Roll.class);

    private final Parts parts;
    private final Operation operation;
    private final RollingRestart request;
    private final List<String> nodes;

    Roll(Parts parts, Operation operation, RollingRestart request, List<String> nodes) {
        this.parts = parts;
        this.operation = operation;
        this.request = request;
        this.nodes = List.copyOf(nodes);
    }

    void start() {
        batch(0);
    }

    private void batch(int from) {
        try {
            if (from >= nodes.size()) {
                finish();
                return;
            }
            List<String> batch = nodes.subList(from, Math.min(nodes.size(), from + request.batch()));
            List<CompletableFuture<Optional<String>>> restarts = new ArrayList<>();
            for (String node : batch) {
                operation.step(node, RESTARTING, Optional.empty());
                restarts.add(new NodeRestart(parts, request, node).run());
            }
            CompletableFuture.allOf(restarts.toArray(CompletableFuture[]::new)).whenComplete((done, error) -> {
                try {
                    parts.timers().execute(() -> settled(from, batch, restarts));
                } catch (RejectedExecutionException stopping) {
                    operation.finish(Operation.State.FAILED, "the manager stopped during the roll");
                }
            });
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** On a timer thread, once every node of the batch is healthy or not: the next batch, or the end. */
    private void settled(int from, List<String> batch, List<CompletableFuture<Optional<String>>> restarts) {
        try {
            if (settle(batch, restarts)) {
                batch(from + batch.size());
            } else {
                stop(from + batch.size(), batch);
            }
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        LOG.error("operation {} ended by an unexpected error", operation.id(), e);
        operation.finish(Operation.State.FAILED, "the roll ended by an unexpected error (" + e + "); the manager's log"
                + " has it");
    }

    /** Each node's result; whether all were healthy. */
    private boolean settle(List<String> batch, List<CompletableFuture<Optional<String>>> restarts) {
        boolean healthy = true;
        for (int i = 0; i < batch.size(); i++) {
            Optional<String> failure = restarts.get(i).handle((why, error) -> error == null ? why
                    : Optional.of("the restart ended by an unexpected error (" + error + ")")).join();
            operation.step(batch.get(i), failure.isEmpty() ? RESTARTED : FAILED, failure);
            if (failure.isPresent()) {
                healthy = false;
                LOG.warn("operation {}: watcher {} on node {} {}", operation.id(), request.watcher(), batch.get(i),
                        failure.get());
            } else {
                LOG.info("operation {}: watcher {} restarted on node {} and healthy", operation.id(), request.watcher(),
                        batch.get(i));
            }
        }
        return healthy;
    }

    private void stop(int next, List<String> failedBatch) {
        List<String> left = nodes.subList(next, nodes.size());
        String why = "the roll stopped at the batch of " + String.join(", ", failedBatch) + ", which was not healthy";
        left.forEach(node -> operation.step(node, NOT_STARTED, Optional.of(why)));
        finish();
    }

    private void finish() {
        List<Operation.Step> steps = operation.snapshot().steps();
        List<String> failed = named(steps, FAILED);
        List<String> notStarted = named(steps, NOT_STARTED);
        long restarted = steps.stream().filter(s -> s.result().equals(RESTARTED)).count();
        String summary = "restarted watcher " + request.watcher() + " on " + restarted + " of " + steps.size() + " node"
                + (steps.size() == 1 ? "" : "s")
                + (failed.isEmpty() ? "" : "; failed on " + String.join(", ", failed))
                + (notStarted.isEmpty() ? "" : "; not started on " + String.join(", ", notStarted));
        boolean done = failed.isEmpty() && notStarted.isEmpty();
        LOG.info("operation {} {}: {}", operation.id(), done ? "done" : "failed", summary);
        operation.finish(done ? Operation.State.DONE : Operation.State.FAILED, summary);
    }

    private static List<String> named(List<Operation.Step> steps, String result) {
        return steps.stream().filter(s -> s.result().equals(result)).map(Operation.Step::subject).toList();
    }
}
