package org.circusmeta.manager.core;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.circusmeta.manager.command.Deadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One drain as it runs: its watchers in order, at most {@code maxParallel} of them moving at once
 * ({@link DrainMove}, paced by {@link InTurn}). A watcher not started by the
 * deadline is reported {@code not-moved}, and stays. The drain is {@code done} when every watcher it
 * was to move was moved, {@code failed} when one stays.
 *
 * <p>Thread-safe: each move goes on from the completion of the one before (on a move thread).
 */
final class Drain {
    static final String PENDING = "pending";
    static final String MOVING = "moving";
    static final String MOVED = "moved";
    static final String NOT_MOVED = "not-moved";
    static final String PINNED = "pinned";
    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);

    private final Parts parts;
    private final Operation operation;
    private final DrainNode request;
    private final List<String> watchers;
    private final Deadline deadline;

    Drain(Parts parts, Operation operation, DrainNode request, List<String> watchers) {
        this.parts = parts;
        this.operation = operation;
        this.request = request;
        this.watchers = List.copyOf(watchers);
        this.deadline = Deadline.in(request.deadline());
    }

    void start() {
        new InTurn(watchers.stream().<Supplier<CompletableFuture<?>>>map(w -> () -> move(w)).toList(), request.maxParallel(),
                this::finish).start();
    }

    private CompletableFuture<?> move(String watcher) {
        if (deadline.remaining().toNanos() <= 1_000_000) {
            operation.step(watcher, NOT_MOVED, Optional.of("the drain's deadline (" + request.deadline().toSeconds()
                    + " s) passed before it was moved: it stays on " + request.node()));
            return CompletableFuture.completedFuture(null);
        }
        operation.step(watcher, MOVING, Optional.empty());
        return new DrainMove(parts, request.node(), watcher, deadline).run().whenComplete((outcome, error) -> {
            if (error != null) {
                LOG.error("operation {}: the move of watcher {} ended by an unexpected error", operation.id(), watcher, error);
                operation.step(watcher, NOT_MOVED, Optional.of("the move ended by an unexpected error (" + error
                        + "); the manager's log has it"));
            } else {
                operation.step(watcher, outcome.moved() ? MOVED : NOT_MOVED, Optional.of(outcome.reason()));
                LOG.info("operation {}: watcher {} {}: {}", operation.id(), watcher, outcome.moved() ? "moved" : "not moved",
                        outcome.reason());
            }
        });
    }

    private void finish() {
        List<Operation.Step> steps = operation.snapshot().steps();
        List<String> stayed = steps.stream().filter(s -> s.result().equals(NOT_MOVED)).map(Operation.Step::subject).toList();
        List<String> pinned = steps.stream().filter(s -> s.result().equals(PINNED)).map(Operation.Step::subject).toList();
        long moved = steps.stream().filter(s -> s.result().equals(MOVED)).count();
        String summary = (stayed.isEmpty() ? "drained node " : "drain of node ") + request.node() + ": moved " + moved + " of " + watchers.size() + " cluster watcher"
                + (watchers.size() == 1 ? "" : "s")
                + (stayed.isEmpty() ? "" : "; not moved, still on it: " + String.join(", ", stayed))
                + (pinned.isEmpty() ? "" : "; pinned, staying: " + String.join(", ", pinned))
                + "; it stays cordoned until POST /api/nodes/" + request.node() + "/uncordon";
        LOG.info("operation {} {}: {}", operation.id(), stayed.isEmpty() ? "done" : "failed", summary);
        operation.finish(stayed.isEmpty() ? Operation.State.DONE : Operation.State.FAILED, summary);
    }
}
