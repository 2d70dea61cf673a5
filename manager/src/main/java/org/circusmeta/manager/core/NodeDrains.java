package org.circusmeta.manager.core;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.circusmeta.manager.core.OperationResult.Started;
import org.circusmeta.manager.reconcile.ClusterRecords;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts drains: checks the request, cordons the node ({@link NodeCordons}: from then on placement puts
 * nothing new there), then starts a {@link Drain} over the cluster watchers that have a copy on it, by
 * name. A pinned watcher stays where it is and is listed as {@code pinned}; the watchers a node runs
 * that no cluster record names are not the manager's to move, and are not listed.
 *
 * <p>Thread-safe. Returns at once; the cordon is written on the registry-writes threads.
 */
final class NodeDrains {
    static final String KIND = "drain";
    private static final Logger LOG = LoggerFactory.getLogger(NodeDrains.class);

    private final Parts parts;
    private final NodeCordons cordons;

    NodeDrains(Parts parts) {
        this.parts = parts;
        this.cordons = new NodeCordons(parts);
    }

    CompletableFuture<OperationResult> start(DrainNode request, Actor actor) {
        if (request.maxParallel() < 1) {
            return CompletableFuture.completedFuture(new Failure.InvalidRequest("maxParallel: must be at least 1, got "
                    + request.maxParallel()));
        }
        if (request.deadline().isNegative() || request.deadline().isZero()) {
            return CompletableFuture.completedFuture(new Failure.InvalidRequest("deadline: must be longer than 0, e.g. 10m"));
        }
        return cordons.cordon(request.node(), actor).thenApply(cordoned -> {
            if (cordoned instanceof Failure.UnknownNode unknown) {
                return unknown;
            }
            return begin(request);
        });
    }

    private OperationResult begin(DrainNode request) {
        String node = request.node();
        List<ClusterWatcherRecord> on = parts.cluster().records().current().values().stream()
                .map(ClusterRecords.Stored::record).filter(r -> r.copyOn(node).isPresent()).toList();
        List<String> movable = on.stream().filter(r -> !r.pinned()).map(ClusterWatcherRecord::name).toList();
        Operation operation = parts.operations().start(KIND, "node " + node, Operation.Subject.WATCHER,
                on.stream().map(ClusterWatcherRecord::name).toList(), Drain.PENDING);
        on.stream().filter(ClusterWatcherRecord::pinned).forEach(r -> operation.step(r.name(), Drain.PINNED,
                Optional.of("it stays on " + node)));
        LOG.info("operation {}: {} ({} cluster watcher{} to move{})", operation.id(), request.describe(), movable.size(),
                movable.size() == 1 ? "" : "s", movable.size() == on.size() ? "" : "; pinned, staying: "
                        + on.stream().filter(ClusterWatcherRecord::pinned).map(ClusterWatcherRecord::name).toList());
        new Drain(parts, operation, request, movable).start();
        return new Started(operation);
    }
}
