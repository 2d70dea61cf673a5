package org.circusmeta.manager.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.circusmeta.manager.core.AddResult.Added;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.placement.NoNodeFitsException;
import org.circusmeta.manager.placement.PlacementDecision;
import org.circusmeta.manager.reconcile.ClusterRecords;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord;
import org.circusmeta.manager.watchers.WatcherDefinition;
import org.circusmeta.protocol.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds watchers, pinned or placed; the one place either is done, whichever door asked.
 *
 * <p>A pinned watcher is added on its node and nothing else: it must not take the name of a cluster
 * watcher, which the leader may move onto that node. A placed watcher is placed, its name claimed
 * by creating {@code /watchers/NAME} (an atomic create, so that two replicas adding one name never
 * both win), then added on the node. When the node refuses, or was never sent the add (unreachable,
 * detached), the claim is undone: the watcher runs nowhere. When the node does not answer in time,
 * or leaves the registry before it answers, it may have run the add: the record is kept, and the
 * leader adds it there if it does not run there, or moves it if the node stays away
 * (docs/placement.md).
 *
 * <p>Thread-safe. Returns at once: the ZooKeeper steps run on the registry-writes executor, the node
 * calls on the socket loops.
 */
final class WatcherAdds {
    private static final Logger LOG = LoggerFactory.getLogger(WatcherAdds.class);
    static final String PINNED = "named in the request";

    private final Parts parts;

    WatcherAdds(Parts parts) {
        this.parts = parts;
    }

    CompletableFuture<AddResult> add(AddWatcher request, Duration within) {
        WatcherDefinition definition = request.definition();
        Optional<Failure.NameTaken> taken = parts.cluster().records().get(definition.name()).map(s -> takenBy(s.record()));
        if (taken.isPresent()) {
            return CompletableFuture.completedFuture(taken.get());
        }
        if (request.node().isEmpty()) {
            return CompletableFuture.supplyAsync(() -> placed(request, within), parts.registryWrites())
                    .thenCompose(Function.identity());
        }
        String node = request.node().get();
        if (!parts.connections().isRegistered(node)) {
            return CompletableFuture.completedFuture(new Failure.UnknownNode(node));
        }
        return parts.fanOut().one(definition.addRequest(request.waiting()), node, within)
                .thenApply(outcome -> answered(outcome, definition.name(), PINNED, within));
    }

    private CompletableFuture<AddResult> placed(AddWatcher request, Duration within) {
        WatcherDefinition definition = request.definition();
        PlacementDecision decision;
        try {
            decision = parts.placer().place(definition.placement());
        } catch (NoNodeFitsException e) {
            return CompletableFuture.completedFuture(new Failure.NoFit(e.getMessage()));
        }
        ClusterWatcherRecord record = new ClusterWatcherRecord(definition, decision.node(), Instant.now(),
                parts.cluster().replica().id(), decision.reason(), List.of());
        Optional<ClusterRecords.Stored> holder;
        try {
            holder = parts.cluster().records().claim(record);
        } catch (RuntimeException e) {
            parts.placer().release(definition.name());
            throw e;
        }
        if (holder.isEmpty() || !holder.get().record().equals(record)) {
            parts.placer().release(definition.name());
            return CompletableFuture.completedFuture(holder.map(s -> takenBy(s.record())).orElseGet(() -> unreadable(record)));
        }
        ClusterRecords.Stored claimed = holder.get();
        return parts.fanOut().one(definition.addRequest(request.waiting()), decision.node(), within)
                .thenApplyAsync(outcome -> settle(claimed, answered(outcome, definition.name(), decision.reason(), within)),
                        parts.registryWrites());
    }

    private static AddResult answered(NodeOutcome outcome, String name, String reason, Duration within) {
        if (outcome instanceof NodeOutcome.Failed failed) {
            return new Failure.Unanswered(outcome.node(), "add", failed.failure(), within);
        }
        Reply reply = outcome.answer().orElseThrow();
        return reply.isError() ? new Failure.Refused(outcome.node(), "add", reply) : new Added(name, outcome.node(), reason, reply);
    }

    /** Keeps the claim of a placed watcher, or undoes it, as the node's answer says. */
    private AddResult settle(ClusterRecords.Stored claimed, AddResult result) {
        ClusterWatcherRecord record = claimed.record();
        if (result instanceof Added) {
            parts.cluster().metrics().placed();
            LOG.info("placed cluster watcher {} on {} ({})", record.name(), record.node(), record.reason());
            return result;
        }
        parts.cluster().metrics().failed();
        if (result instanceof Failure.Unanswered unanswered && (unanswered.failure() == NodeOutcome.Failure.TIMEOUT
                || unanswered.failure() == NodeOutcome.Failure.GONE)) {
            // It may have run the add: undoing the claim would leave that copy unrecorded.
            LOG.warn("{}; the record /watchers/{} is kept: the leader adds it there if it does not run there, or places it"
                    + " elsewhere if the node stays away. DELETE /api/watchers/{} cancels it", unanswered.message(),
                    record.key(), record.name());
        } else {
            undo(claimed, ((Failure) result).message());
        }
        return result;
    }

    private void undo(ClusterRecords.Stored claimed, String why) {
        ClusterWatcherRecord record = claimed.record();
        parts.placer().release(record.name());
        try {
            parts.cluster().records().deleteAt(record.name(), claimed.version());
            LOG.warn("cluster watcher {} was not added: {}; its claim /watchers/{} is undone", record.name(), why, record.key());
        } catch (RuntimeException e) {
            LOG.warn("cluster watcher {} was not added ({}), and its claim /watchers/{} could not be undone ({}): the leader"
                    + " adds it on {} once it runs nowhere. DELETE /api/watchers/{} cancels it", record.name(), why,
                    record.key(), e.getMessage(), record.node(), record.name());
        }
    }

    static Failure.NameTaken takenBy(ClusterWatcherRecord existing) {
        return new Failure.NameTaken("a cluster watcher named '" + existing.name() + "' already exists, placed on node "
                + existing.node() + " (record /watchers/" + existing.key() + "); remove it first with DELETE /api/watchers/"
                + existing.name() + ", or choose another name");
    }

    private static Failure.NameTaken unreadable(ClusterWatcherRecord wanted) {
        return new Failure.NameTaken("the name '" + wanted.name() + "' is held by record /watchers/" + wanted.key()
                + ", which is not a readable cluster watcher record; remove it with DELETE /api/watchers/" + wanted.name()
                + " (or fix it), or choose another name");
    }
}
