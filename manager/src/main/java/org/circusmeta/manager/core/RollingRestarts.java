package org.circusmeta.manager.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.circusmeta.manager.command.Deadline;
import org.circusmeta.manager.core.OperationResult.Started;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.protocol.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts rolling restarts: checks the request, asks every node (or the one named) whether it has the
 * watcher, with a {@code list}, as the watcher commands do, then starts a {@link Roll} over the nodes
 * that have it, by name. A node that did not answer the {@code list} may have the watcher: it is listed
 * as not started, with why, and the roll goes on without it.
 *
 * <p>Thread-safe. Returns at once; the survey's futures complete on the socket loops.
 */
final class RollingRestarts {
    static final String KIND = "rolling-restart";
    private static final Logger LOG = LoggerFactory.getLogger(RollingRestarts.class);
    private static final Request LIST = Request.of("list");

    private final Parts parts;

    RollingRestarts(Parts parts) {
        this.parts = parts;
    }

    CompletableFuture<OperationResult> start(RollingRestart request, Duration within) {
        Optional<String> invalid = invalid(request);
        if (invalid.isPresent()) {
            return CompletableFuture.completedFuture(new Failure.InvalidRequest(invalid.get()));
        }
        if (request.node().isPresent() && !parts.connections().isRegistered(request.node().get())) {
            return CompletableFuture.completedFuture(new Failure.UnknownNode(request.node().get()));
        }
        List<String> asked = request.node().map(List::of).orElseGet(parts.connections()::askable);
        Deadline deadline = Deadline.in(within);
        List<CompletableFuture<NodeOutcome>> lists = new ArrayList<>();
        asked.forEach(node -> lists.add(parts.fanOut().one(LIST, node, deadline)));
        return CompletableFuture.allOf(lists.toArray(CompletableFuture[]::new))
                .thenApply(done -> begin(request, lists.stream().map(CompletableFuture::join).toList(), within));
    }

    private OperationResult begin(RollingRestart request, List<NodeOutcome> lists, Duration within) {
        List<String> having = new ArrayList<>();
        Map<String, String> unanswered = new TreeMap<>();
        for (NodeOutcome listed : lists) {
            if (listed instanceof NodeOutcome.Failed failed) {
                unanswered.put(listed.node(), "did not answer 'list' (" + failed.failure().reason() + " within "
                        + within.toMillis() + " ms), so it may have the watcher: restart it there once it answers");
            } else if (WatcherCommands.hasWatcher(listed.answer().orElseThrow(), request.watcher())) {
                having.add(listed.node());
            }
        }
        if (having.isEmpty() && unanswered.isEmpty()) {
            return new Failure.UnknownWatcher(request.watcher(), request.node().map(n -> "is on node " + n)
                    .orElse("is on any node"));
        }
        having.sort(null);
        List<String> all = new ArrayList<>(having);
        all.addAll(unanswered.keySet());
        all.sort(null);
        Operation operation = parts.operations().start(KIND, "watcher " + request.watcher(), Operation.Subject.NODE, all,
                Roll.PENDING);
        unanswered.forEach((node, why) -> operation.step(node, Roll.NOT_STARTED, Optional.of(why)));
        LOG.info("operation {}: {} ({} node{}{})", operation.id(), request.describe(), having.size(),
                having.size() == 1 ? "" : "s", unanswered.isEmpty() ? "" : "; not asked: " + unanswered.keySet());
        new Roll(parts, operation, request, having).start();
        return new Started(operation);
    }

    private static Optional<String> invalid(RollingRestart request) {
        if (request.batch() < 1) {
            return Optional.of("batch: must be at least 1, got " + request.batch());
        }
        if (request.healthyFor().isNegative()) {
            return Optional.of("healthyFor: must not be negative");
        }
        if (request.timeout().compareTo(request.healthyFor()) <= 0) {
            return Optional.of("timeout: must be longer than healthyFor (" + request.healthyFor().toMillis() + " ms), or no"
                    + " node could ever be healthy in time; got " + request.timeout().toMillis() + " ms");
        }
        return Optional.empty();
    }
}
