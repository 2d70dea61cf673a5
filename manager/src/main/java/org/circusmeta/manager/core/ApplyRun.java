package org.circusmeta.manager.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One apply as it is carried out, after its plan: the adds, the changes and the removals,
 * {@value #PARALLEL} watchers at a time, in the plan's order ({@link InTurn}). An add is placed as
 * {@code POST /api/watchers} places it; a change of the count alone is a scale; any other change
 * replaces the watcher one copy at a time ({@link WatcherReplace}), then scales it when its count
 * changed too; a removal is an {@code rm}. The apply is {@code done} when every watcher is, {@code
 * failed} when one is not.
 *
 * <p>Thread-safe: each step goes on from the completion of the one before.
 */
final class ApplyRun {
    static final String ADDING = "adding";
    static final String ADDED = "added";
    static final String CHANGING = "changing";
    static final String CHANGED = "changed";
    static final String REMOVING = "removing";
    static final String REMOVED = "removed";
    static final String FAILED = "failed";
    static final int PARALLEL = 8;
    private static final Logger LOG = LoggerFactory.getLogger(ApplyRun.class);

    private final Parts parts;
    private final Operation operation;
    private final ApplyPlan plan;
    private final WatcherUseCases cases;
    private final Duration within;

    ApplyRun(Parts parts, Operation operation, ApplyPlan plan, WatcherUseCases cases, Duration within) {
        this.parts = parts;
        this.operation = operation;
        this.plan = plan;
        this.cases = cases;
        this.within = within;
    }

    void start() {
        List<Supplier<CompletableFuture<?>>> steps = plan.entries().stream()
                .filter(e -> e.kind() != ApplyPlan.Kind.UNCHANGED).<Supplier<CompletableFuture<?>>>map(e -> () -> step(e))
                .toList();
        new InTurn(steps, PARALLEL, this::finish).start();
    }

    private CompletableFuture<?> step(ApplyPlan.Entry entry) {
        CompletableFuture<Optional<String>> failure = switch (entry.kind()) {
            case ADD -> add(entry);
            case CHANGE -> change(entry);
            case REMOVE -> remove(entry);
            case UNCHANGED -> CompletableFuture.completedFuture(Optional.empty());
        };
        return failure.whenComplete((failed, error) -> {
            Optional<String> why = error != null ? Optional.of("ended by an unexpected error (" + error + ")") : failed;
            String done = entry.kind() == ApplyPlan.Kind.ADD ? ADDED : entry.kind() == ApplyPlan.Kind.CHANGE ? CHANGED : REMOVED;
            operation.step(entry.watcher(), why.isPresent() ? FAILED : done, why.or(entry::what));
            why.ifPresent(w -> LOG.warn("operation {}: watcher {} was not {}: {}", operation.id(), entry.watcher(), done, w));
        });
    }

    private CompletableFuture<Optional<String>> add(ApplyPlan.Entry entry) {
        operation.step(entry.watcher(), ADDING, Optional.empty());
        return cases.adds().add(entry.desired().orElseThrow(), within).thenApply(result -> result instanceof Failure f
                ? Optional.of(f.message()) : Optional.empty());
    }

    private CompletableFuture<Optional<String>> change(ApplyPlan.Entry entry) {
        operation.step(entry.watcher(), CHANGING, entry.what());
        AddWatcher desired = entry.desired().orElseThrow();
        CompletableFuture<Optional<String>> replaced = ApplyPlan.onlyCount(entry)
                ? CompletableFuture.completedFuture(Optional.empty()) : new WatcherReplace(parts, desired).run();
        return replaced.thenCompose(failed -> failed.isPresent()
                || desired.instances().equals(entry.stored().orElseThrow().record().instances())
                ? CompletableFuture.completedFuture(failed)
                : cases.scales().scale(new ScaleWatcher(entry.watcher(), desired.instances()), within)
                        .thenApply(result -> result instanceof Failure f ? Optional.of(f.message()) : Optional.empty()));
    }

    private CompletableFuture<Optional<String>> remove(ApplyPlan.Entry entry) {
        operation.step(entry.watcher(), REMOVING, entry.what());
        return cases.removals().remove(WatcherCommand.remove(entry.watcher(), Optional.empty()), within)
                .thenApply(result -> result instanceof Failure f ? Optional.of(f.message()) : Optional.empty());
    }

    private void finish() {
        List<Operation.Step> steps = operation.snapshot().steps();
        List<String> failed = steps.stream().filter(s -> s.result().equals(FAILED)).map(Operation.Step::subject).toList();
        String summary = "applied " + steps.size() + " watcher" + (steps.size() == 1 ? "" : "s") + ": " + count(steps, ADDED)
                + " added, " + count(steps, CHANGED) + " changed, " + count(steps, "unchanged") + " unchanged, "
                + count(steps, REMOVED) + " removed" + (failed.isEmpty() ? "" : "; failed: " + String.join(", ", failed));
        LOG.info("operation {} {}: {}", operation.id(), failed.isEmpty() ? "done" : "failed", summary);
        operation.finish(failed.isEmpty() ? Operation.State.DONE : Operation.State.FAILED, summary);
    }

    static long count(List<Operation.Step> steps, String result) {
        return steps.stream().filter(s -> s.result().equals(result)).count();
    }
}
