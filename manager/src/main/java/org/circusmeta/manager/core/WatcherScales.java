package org.circusmeta.manager.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.circusmeta.manager.command.FanOutResult;
import org.circusmeta.manager.core.ScaleResult.Scaled;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.placement.NoNodeFitsException;
import org.circusmeta.manager.placement.PlacementDecision;
import org.circusmeta.manager.reconcile.ClusterRecords;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord;
import org.circusmeta.manager.reconcile.CopyStarts;
import org.circusmeta.manager.watchers.Instances;
import org.circusmeta.protocol.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes the count of a cluster watcher's copies. Up: the new copies are placed (fewer fitting nodes
 * than copies wanted is a {@link Failure.NoFit}, and nothing changes), written in the record with the
 * new count in one versioned write, then added on their nodes. Down: the surplus copies, those on the
 * most loaded nodes, leave the record with the new count (named in {@code moved_from} until they are
 * gone), then are removed from their nodes. A pinned watcher has no count to change.
 *
 * <p>Thread-safe. Returns at once: the ZooKeeper steps run on the registry-writes executor.
 */
final class WatcherScales {
    private static final Logger LOG = LoggerFactory.getLogger(WatcherScales.class);

    private final Parts parts;

    WatcherScales(Parts parts) {
        this.parts = parts;
    }

    CompletableFuture<ScaleResult> scale(ScaleWatcher scale, Duration within) {
        return CompletableFuture.supplyAsync(() -> write(scale, within), parts.registryWrites())
                .thenCompose(Function.identity());
    }

    private CompletableFuture<ScaleResult> write(ScaleWatcher scale, Duration within) {
        parts.cluster().records().requireConnected("the count of watcher " + scale.watcher());
        Optional<ClusterRecords.Stored> read = parts.cluster().records().read(scale.watcher());
        if (read.isEmpty() || read.get().record().removing()) {
            return done(new Failure.UnknownWatcher(scale.watcher(), "is recorded as a cluster watcher"
                    + (read.isPresent() ? " that is not being removed" : "")));
        }
        ClusterRecords.Stored stored = read.get();
        ClusterWatcherRecord r = stored.record();
        if (r.pinned()) {
            return done(new Failure.InvalidRequest("instances: watcher " + r.name() + " is pinned on " + String.join(", ",
                    r.nodes()) + ", so it has no count to change; remove it, and add it without a node to have it placed"));
        }
        Instances target = scale.instances();
        int wanted = target.isEvery() ? Integer.MAX_VALUE : target.count();
        List<PlacementDecision> added;
        try {
            added = target.isEvery() ? parts.placer().placeOnEvery(r.watcherSpec(), new HashSet<>(r.nodes()))
                    : wanted > r.copies().size() ? parts.placer().placeCopies(r.watcherSpec(), wanted - r.copies().size(),
                    new HashSet<>(r.nodes())) : List.of();
        } catch (NoNodeFitsException e) {
            return done(new Failure.NoFit(e.getMessage()));
        }
        List<String> surplus = r.copies().size() > wanted
                ? parts.cluster().copies().mostLoadedFirst(r.nodes()).subList(0, r.copies().size() - wanted) : List.of();
        ClusterWatcherRecord scaled = r.withInstances(target);
        Instant now = Instant.now();
        for (PlacementDecision d : added) {
            scaled = scaled.withCopy(new ClusterWatcherRecord.Copy(d.node(), now, parts.cluster().replica().id(), d.reason()));
        }
        for (String node : surplus) {
            scaled = scaled.withoutCopy(node, true);
        }
        Optional<ClusterRecords.Stored> written = parts.cluster().records().update(scaled, stored.version());
        if (written.isEmpty()) {
            added.forEach(d -> parts.placer().release(r.name(), d.node()));
            LOG.info("the record of cluster watcher {} changed while it was being scaled; deciding again", r.name());
            return write(scale, within);
        }
        surplus.forEach(node -> parts.placer().release(r.name(), node));
        LOG.info("scaled cluster watcher {} from {} to {}: copies {}{}", r.name(), r.instances(), target,
                added.isEmpty() ? "" : "placed on " + String.join(", ", added.stream().map(PlacementDecision::node).toList()),
                surplus.isEmpty() ? "" : "removed from " + String.join(", ", surplus));
        return carryOut(written.get(), added, surplus, within);
    }

    private CompletableFuture<ScaleResult> carryOut(ClusterRecords.Stored written, List<PlacementDecision> added,
            List<String> surplus, Duration within) {
        ClusterWatcherRecord r = written.record();
        CompletableFuture<CopyStarts.Started> starts = added.isEmpty()
                ? CompletableFuture.completedFuture(new CopyStarts.Started(List.of(), List.of(), List.of(), Optional.of(written)))
                : parts.cluster().copies().starts().start(written, added.stream().map(PlacementDecision::node).toList(), false,
                        within, CopyStarts.For.NEW_COPIES);
        CompletableFuture<FanOutResult> removals = parts.fanOut().run(Request.of("rm").with("name", r.name()), surplus, within);
        return starts.thenCombine(removals, (started, removed) -> {
            List<String> gone = new ArrayList<>();
            for (NodeOutcome o : removed.outcomes()) {
                if (o.answer().filter(reply -> !reply.isError() || reply.isUnknownWatcher()).isPresent()) {
                    gone.add(o.node());
                }
            }
            return new Settled(started, gone);
        }).thenApplyAsync(settled -> answer(written, added, surplus, settled), parts.registryWrites());
    }

    private record Settled(CopyStarts.Started started, List<String> gone) {}

    private ScaleResult answer(ClusterRecords.Stored written, List<PlacementDecision> added, List<String> surplus,
            Settled settled) {
        ClusterRecords.Stored latest = settled.started().record().orElse(written);
        if (!settled.gone().isEmpty()) {
            try {
                latest = parts.cluster().records().update(latest.record().withoutCopiesOn(settled.gone()), latest.version())
                        .orElse(latest);
            } catch (RuntimeException e) {
                LOG.debug("the leader forgets the removed copies of {} at its next pass: {}", written.record().name(),
                        e.getMessage());
            }
        }
        List<AddResult.PlacedCopy> placed = added.stream().filter(d -> settled.started().started().contains(d.node()))
                .map(d -> new AddResult.PlacedCopy(d.node(), d.reason())).toList();
        List<String> notStarted = added.stream().map(PlacementDecision::node)
                .filter(n -> !settled.started().started().contains(n)).toList();
        ClusterWatcherRecord r = latest.record();
        return new Scaled(r.name(), r.instances(), placed, surplus, r.nodes(), notStarted);
    }

    private static CompletableFuture<ScaleResult> done(ScaleResult result) {
        return CompletableFuture.completedFuture(result);
    }
}
