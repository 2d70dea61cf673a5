package org.circusmeta.manager.core;

import java.time.Duration;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import org.circusmeta.manager.core.OperationResult.Started;
import org.circusmeta.manager.reconcile.ClusterRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts applies: checks the file against the records, makes the plan ({@link ApplyPlan}), shows it as
 * the operation's steps ({@code to-add}, {@code to-change}, {@code unchanged}, {@code to-remove}),
 * then, unless it is a dry run, carries it out ({@link ApplyRun}).
 *
 * <p>Thread-safe. Returns at once.
 */
final class Applies {
    static final String KIND = "apply";
    private static final Logger LOG = LoggerFactory.getLogger(Applies.class);

    private final Parts parts;
    private final WatcherUseCases cases;

    Applies(Parts parts, WatcherUseCases cases) {
        this.parts = parts;
        this.cases = cases;
    }

    CompletableFuture<OperationResult> start(ApplyState state, Duration within) {
        SortedMap<String, ClusterRecords.Stored> records = parts.cluster().records().current();
        Optional<String> invalid = ApplyPlan.invalid(state, records);
        if (invalid.isPresent()) {
            return CompletableFuture.completedFuture(new Failure.InvalidRequest(invalid.get()));
        }
        ApplyPlan plan = ApplyPlan.of(state, records);
        Operation operation = parts.operations().start(KIND, state.watchers().size() + " watcher"
                + (state.watchers().size() == 1 ? "" : "s") + (state.dryRun() ? ", a dry run" : ""), Operation.Subject.WATCHER,
                plan.entries().stream().map(ApplyPlan.Entry::watcher).toList(), ApplyPlan.Kind.UNCHANGED.planned());
        plan.entries().forEach(e -> operation.step(e.watcher(), e.kind().planned(), e.what()));
        String planned = plan.of(ApplyPlan.Kind.ADD).size() + " to add, " + plan.of(ApplyPlan.Kind.CHANGE).size()
                + " to change, " + plan.of(ApplyPlan.Kind.UNCHANGED).size() + " unchanged"
                + (state.prune() ? ", " + plan.of(ApplyPlan.Kind.REMOVE).size() + " to remove" : "");
        LOG.info("operation {}: {}: {}", operation.id(), state.describe(), planned);
        if (state.dryRun()) {
            operation.finish(Operation.State.DONE, "dry run, nothing changed: " + planned);
        } else {
            new ApplyRun(parts, operation, plan, cases, within).start();
        }
        return CompletableFuture.completedFuture(new Started(operation));
    }
}
