package org.circusmeta.manager.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.circusmeta.manager.core.AddResult.Added;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.placement.NoNodeFitsException;
import org.circusmeta.manager.placement.PlacementDecision;
import org.circusmeta.manager.reconcile.ClusterRecords;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord;
import org.circusmeta.manager.reconcile.CopyStarts;
import org.circusmeta.manager.watchers.WatcherDefinition;
import org.circusmeta.protocol.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds watchers, pinned or placed; the one place either is done, whichever door asked. Either way the
 * watcher is recorded under {@code /watchers/NAME} first, its name claimed by an atomic create (so
 * that two replicas adding one name never both win), then added on its nodes ({@link CopyStarts}
 * settles the record by their answers).
 *
 * <p>A pinned watcher goes on its node and is never moved; the same watcher pinned on another node
 * too is one more pinned copy of its record. A placed watcher's copies go where placement chooses:
 * {@code instances} distinct nodes, or every fitting node; fewer fitting nodes than copies is a
 * {@link Failure.NoFit} and nothing is started. When no copy started (every node refused, or none was
 * sent the add), the claim is undone: the watcher runs nowhere. When a node does not answer in time,
 * or leaves before it answers, it may have run the add: its copy is kept, and the leader adds it there
 * if it does not run there, or moves it if the node stays away (docs/placement.md).
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
        Optional<ClusterRecords.Stored> known = parts.cluster().records().get(request.definition().name());
        if (known.isPresent() && !addsPinnedCopy(request, known.get().record())) {
            return CompletableFuture.completedFuture(takenBy(known.get().record()));
        }
        if (request.node().isPresent() && !parts.connections().isRegistered(request.node().get())) {
            return CompletableFuture.completedFuture(new Failure.UnknownNode(request.node().get()));
        }
        return CompletableFuture.supplyAsync(() -> recorded(request, within), parts.registryWrites())
                .thenCompose(Function.identity());
    }

    /** A pinned add of a watcher pinned elsewhere already, with the same spec: one more pinned copy. */
    private static boolean addsPinnedCopy(AddWatcher request, ClusterWatcherRecord known) {
        return request.node().isPresent() && known.pinned() && !known.removing()
                && known.definition().equals(request.definition()) && known.copyOn(request.node().get()).isEmpty();
    }

    private CompletableFuture<AddResult> recorded(AddWatcher request, Duration within) {
        WatcherDefinition definition = request.definition();
        parts.cluster().records().requireConnected("watcher " + definition.name());
        List<PlacementDecision> decisions;
        try {
            decisions = request.node().isPresent()
                    ? List.of(new PlacementDecision(request.node().get(), PINNED))
                    : request.instances().isEvery() ? parts.placer().placeOnEvery(definition.placement(), Set.of())
                    : parts.placer().placeCopies(definition.placement().spreadOver(request.spread()),
                            request.instances().count(), Set.of());
        } catch (NoNodeFitsException e) {
            return CompletableFuture.completedFuture(new Failure.NoFit(e.getMessage()));
        }
        List<String> nodes = decisions.stream().map(PlacementDecision::node).toList();
        Optional<Claim> held = claim(request, decisions);
        if (held.isEmpty()) {
            return CompletableFuture.completedFuture(unreadable(definition.name()));
        }
        ClusterRecords.Stored claimed = held.get().stored();
        if (!claimed.record().nodes().containsAll(nodes)) {
            parts.placer().release(definition.name());
            return CompletableFuture.completedFuture(takenBy(claimed.record()));
        }
        return parts.cluster().copies().starts().start(claimed, nodes, request.waiting(), within,
                held.get().fresh() ? CopyStarts.For.NEW_RECORD : CopyStarts.For.NEW_COPIES)
                .thenApply(started -> answer(claimed.record(), decisions, started, within));
    }

    /** The record that holds the name, and whether this add created it. */
    private record Claim(ClusterRecords.Stored stored, boolean fresh) {}

    /**
     * The record holding the name: this one when the claim won (or, for a pinned copy, was added to the
     * pinned record), else the other one; empty when a record that cannot be read holds it.
     */
    private Optional<Claim> claim(AddWatcher request, List<PlacementDecision> decisions) {
        WatcherDefinition definition = request.definition();
        Instant now = Instant.now();
        List<ClusterWatcherRecord.Copy> copies = decisions.stream().map(d -> new ClusterWatcherRecord.Copy(d.node(), now,
                parts.cluster().replica().id(), d.reason())).toList();
        ClusterWatcherRecord wanted = ClusterWatcherRecord.of(definition, request.instances(), request.spread(),
                request.node().isPresent(), copies);
        try {
            Optional<ClusterRecords.Stored> holder = parts.cluster().records().claim(wanted);
            if (holder.isPresent() && holder.get().record().equals(wanted)) {
                return Optional.of(new Claim(holder.get(), true));
            }
            if (holder.isPresent() && addsPinnedCopy(request, holder.get().record())) {
                holder = parts.cluster().records().update(holder.get().record().withCopy(copies.get(0)), holder.get().version())
                        .or(() -> parts.cluster().records().read(definition.name()));
            }
            if (holder.isEmpty()) {
                parts.placer().release(definition.name());
            }
            return holder.map(s -> new Claim(s, false));
        } catch (RuntimeException e) {
            parts.placer().release(definition.name());
            throw e;
        }
    }

    private AddResult answer(ClusterWatcherRecord record, List<PlacementDecision> decisions, CopyStarts.Started started,
            Duration within) {
        List<AddResult.PlacedCopy> placed = decisions.stream().filter(d -> started.started().contains(d.node()))
                .map(d -> new AddResult.PlacedCopy(d.node(), d.reason())).toList();
        if (placed.isEmpty()) {
            NodeOutcome first = started.failed().isEmpty() ? started.outcomes().get(0) : started.failed().get(0);
            parts.cluster().metrics().failed();
            return failure(first, within);
        }
        parts.cluster().metrics().placed();
        List<String> notStarted = started.outcomes().stream().map(NodeOutcome::node)
                .filter(n -> !started.started().contains(n)).toList();
        LOG.info("added cluster watcher {} on {}{}", record.name(), String.join(", ", started.started()),
                record.pinned() ? " (pinned)" : " (" + placed.get(0).reason() + ")");
        Reply reply = started.outcomes().stream().filter(o -> o.node().equals(placed.get(0).node())).findFirst()
                .flatMap(NodeOutcome::answer).orElseThrow();
        return new Added(record.name(), placed.get(0).node(), placed.get(0).reason(), reply, placed, notStarted);
    }

    private static AddResult failure(NodeOutcome outcome, Duration within) {
        if (outcome instanceof NodeOutcome.Failed failed) {
            return new Failure.Unanswered(outcome.node(), "add", failed.failure(), within);
        }
        return new Failure.Refused(outcome.node(), "add", outcome.answer().orElseThrow());
    }

    static Failure.NameTaken takenBy(ClusterWatcherRecord existing) {
        String where = existing.nodes().isEmpty() ? "recorded on no node yet" : (existing.pinned() ? "pinned on node "
                : "placed on node ") + String.join(", ", existing.nodes());
        return new Failure.NameTaken("a cluster watcher named '" + existing.name() + "' already exists, " + where
                + " (record /watchers/" + existing.key() + "); remove it first with DELETE /api/watchers/" + existing.name()
                + ", or choose another name");
    }

    private static Failure.NameTaken unreadable(String name) {
        return new Failure.NameTaken("the name '" + name + "' is held by record /watchers/" + ClusterWatcherRecord.key(name)
                + ", which is not a readable cluster watcher record; remove it with DELETE /api/watchers/" + name
                + " (or fix it), or choose another name");
    }
}
