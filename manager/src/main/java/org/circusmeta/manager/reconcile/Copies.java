package org.circusmeta.manager.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.circusmeta.manager.command.FanOut;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.placement.Candidate;
import org.circusmeta.manager.placement.NoNodeFitsException;
import org.circusmeta.manager.placement.PlacementDecision;
import org.circusmeta.manager.placement.Placer;
import org.circusmeta.manager.placement.WatcherSpec;
import org.circusmeta.manager.placement.Weights;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord.Copy;
import org.circusmeta.protocol.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a cluster watcher's copies run, changed one copy at a time: {@link #place} one more,
 * {@link #move} one from a node to another, {@link #remove} one. Each change writes the record first,
 * at the version read (so that the record always names every node that may run a copy, and a change
 * that lost its race with another, a leader's or an {@code rm}, stops before anything runs), then
 * sends the node its command. A copy that fails to start is dropped and its failure recorded
 * ({@link CopyStarts}); the leader places it again after the back-off. The old copy of a move keeps
 * running, named in {@code moved_from}, until {@link #removeStale} (at once, for a rebalance; once
 * the new copy is active, for a drain; when its node comes back, for a node that was lost).
 *
 * <p>Thread-safe. Every call blocks on ZooKeeper and on the node: call it from a thread that may wait.
 */
public final class Copies {
    private static final Logger LOG = LoggerFactory.getLogger(Copies.class);

    /** What came of a change, the record as it is after it (when written), and the change in words. */
    public record Change(Kind kind, Optional<ClusterRecords.Stored> record, String message) {
        /** Done; or the record changed meanwhile, nothing fits, or the copy did not start (its failure recorded). */
        public enum Kind { DONE, RACE_LOST, NO_FIT, NOT_STARTED }

        public boolean isDone() {
            return kind == Kind.DONE;
        }
    }

    private final ClusterRecords records;
    private final Placer placer;
    private final FanOut fanOut;
    private final Replica replica;
    private final PlacementMetrics metrics;
    private final Weights weights;
    private final CopyStarts starts;

    Copies(ClusterRecords records, Placer placer, FanOut fanOut, Replica replica, PlacementMetrics metrics, Weights weights,
            CopyStarts starts) {
        this.records = records;
        this.placer = placer;
        this.fanOut = fanOut;
        this.replica = replica;
        this.metrics = metrics;
        this.weights = weights;
        this.starts = starts;
    }

    /** Places one more copy: on {@code on}, or where placement chooses among the fitting nodes that hold none. */
    public Change place(ClusterRecords.Stored stored, Optional<String> on, String why) {
        ClusterWatcherRecord r = stored.record();
        Set<String> holding = new HashSet<>(r.nodes());
        PlacementDecision decision;
        try {
            decision = on.isPresent() ? placer.placeOn(r.watcherSpec(), on.get(), holding) : choose(r, holding);
        } catch (NoNodeFitsException e) {
            return noFit(r, "place a copy of", e);
        }
        Copy copy = copy(decision);
        String said = "placed a copy of cluster watcher " + r.name() + " on " + copy.node() + " (" + why + "; " + copy.reason()
                + ")";
        return write(stored, r.withCopy(copy), copy.node(), said, metrics::placed);
    }

    /**
     * Moves the copy on {@code from} to {@code to}, or where placement chooses: the record first, with
     * {@code from} in {@code moved_from}, then the add on the new node. The old copy is left as it is.
     */
    public Change move(ClusterRecords.Stored stored, String from, Optional<String> to, String why) {
        ClusterWatcherRecord r = stored.record();
        Set<String> holding = new HashSet<>(r.nodes());
        PlacementDecision decision;
        try {
            decision = to.isPresent() ? placer.placeOn(r.watcherSpec(), to.get(), holding) : choose(r, holding);
        } catch (NoNodeFitsException e) {
            return noFit(r, "move the copy on " + from + " of", e);
        }
        placer.release(r.name(), from);
        Copy copy = copy(decision);
        String said = "moved the copy of cluster watcher " + r.name() + " on " + from + " to " + copy.node() + " (" + why
                + "; " + copy.reason() + ")";
        return write(stored, r.movedTo(from, copy), copy.node(), said, metrics::moved);
    }

    /** Removes the copy on {@code node}: the record first, then {@code rm} there. */
    public Change remove(ClusterRecords.Stored stored, String node, String why) {
        ClusterWatcherRecord r = stored.record();
        Optional<ClusterRecords.Stored> written = records.update(r.withoutCopy(node, true), stored.version());
        if (written.isEmpty()) {
            return raceLost(r);
        }
        placer.release(r.name(), node);
        String said = "removed the copy of cluster watcher " + r.name() + " from " + node + " (" + why + ")";
        LOG.info("{}", said);
        metrics.copyRemoved();
        return new Change(Change.Kind.DONE, removeStale(written.get(), List.of(node), List.of()).or(() -> written), said);
    }

    /** Forgets the copy on a node that is gone (it joins {@code moved_from}, to be removed if the node comes back). */
    public Change drop(ClusterRecords.Stored stored, String node, String why) {
        ClusterWatcherRecord r = stored.record();
        Optional<ClusterRecords.Stored> written = records.update(r.withoutCopy(node, true), stored.version());
        if (written.isEmpty()) {
            return raceLost(r);
        }
        placer.release(r.name(), node);
        String said = "dropped the copy of cluster watcher " + r.name() + " on " + node + " (" + why + ")";
        LOG.info("{}", said);
        return new Change(Change.Kind.DONE, written, said);
    }

    /** Adds again a copy its node does not run. */
    Change restore(ClusterRecords.Stored stored, String node, String why) {
        CopyStarts.Started started = starts.start(stored, List.of(node), false, fanOut.defaultDeadline(), CopyStarts.For.LEADER).join();
        if (!started.allStarted()) {
            return new Change(Change.Kind.NOT_STARTED, started.record(), "did not add cluster watcher " + stored.record().name()
                    + " again on " + node);
        }
        metrics.restored();
        String said = "added cluster watcher " + stored.record().name() + " again on " + node + " (" + why + ")";
        LOG.info("{}", said);
        return new Change(Change.Kind.DONE, started.record(), said);
    }

    /** Removes the stale copies on these nodes, then forgets them, and the {@code clean} ones, from {@code moved_from}. */
    Optional<ClusterRecords.Stored> removeStale(ClusterRecords.Stored stored, List<String> stale, List<String> clean) {
        ClusterWatcherRecord r = stored.record();
        List<String> gone = new ArrayList<>(clean);
        for (String node : stale) {
            NodeOutcome outcome = fanOut.one(Request.of("rm").with("name", r.name()), node, fanOut.defaultDeadline()).join();
            if (outcome.answer().filter(reply -> !reply.isError() || reply.isUnknownWatcher()).isPresent()) {
                gone.add(node);
                metrics.staleCopyRemoved();
                LOG.info("removed the stale copy of cluster watcher {} from {}, which it was moved off; it runs on {}", r.name(),
                        node, r.nodes().isEmpty() ? "no node yet" : String.join(", ", r.nodes()));
            } else {
                LOG.warn("node {} did not remove the stale copy of cluster watcher {} ({}); the leader tries again at a"
                        + " later pass", node, r.name(), CopyStarts.why(outcome));
            }
        }
        if (gone.isEmpty()) {
            return Optional.empty();
        }
        Optional<ClusterRecords.Stored> latest = records.get(r.name()).filter(s -> s.version() >= stored.version());
        ClusterRecords.Stored base = latest.orElse(stored);
        return records.update(base.record().withoutCopiesOn(gone), base.version());
    }

    /** The node was renamed: the record names the new name wherever it named the old one. */
    Optional<ClusterRecords.Stored> rename(ClusterRecords.Stored stored, String oldName, String newName) {
        return records.update(stored.record().renamed(oldName, newName), stored.version());
    }

    /** The nodes, the most loaded per capacity first (as placement sees them now), for removing surplus copies. */
    public List<String> mostLoadedFirst(Collection<String> nodes) {
        Map<String, Candidate> view = placer.view().stream().collect(Collectors.toMap(Candidate::name, Function.identity()));
        return nodes.stream().sorted(Comparator.comparingDouble((String n) -> view.containsKey(n)
                ? view.get(n).loadPerCapacity(weights) : Double.MAX_VALUE).reversed().thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    public CopyStarts starts() {
        return starts;
    }

    /** Placement's choice among the fitting nodes that hold no copy, kept off those where one failed lately while others fit. */
    private PlacementDecision choose(ClusterWatcherRecord r, Set<String> holding) {
        WatcherSpec spec = r.watcherSpec();
        for (String failed : r.failedNodes()) {
            if (!holding.contains(failed)) {
                spec = spec.avoiding(failed, "a copy failed to start there lately");
            }
        }
        try {
            return placer.placeCopies(spec, 1, holding).get(0);
        } catch (NoNodeFitsException e) {
            if (r.failedNodes().isEmpty()) {
                throw e;
            }
            return placer.placeCopies(r.watcherSpec(), 1, holding).get(0);
        }
    }

    private Copy copy(PlacementDecision decision) {
        return new Copy(decision.node(), Instant.now(), replica.id(), decision.reason());
    }

    private Change write(ClusterRecords.Stored stored, ClusterWatcherRecord changed, String node, String said, Runnable count) {
        ClusterWatcherRecord r = stored.record();
        Optional<ClusterRecords.Stored> written;
        try {
            written = records.update(changed, stored.version());
        } catch (RuntimeException e) {
            placer.release(r.name(), node);
            throw e;
        }
        if (written.isEmpty()) {
            placer.release(r.name(), node);
            return raceLost(r);
        }
        LOG.info("{}", said);
        count.run();
        CopyStarts.Started started = starts.start(written.get(), List.of(node), false, fanOut.defaultDeadline(),
                CopyStarts.For.LEADER).join();
        Optional<ClusterRecords.Stored> after = started.record().or(() -> written);
        return started.failed().isEmpty() ? new Change(Change.Kind.DONE, after, said)
                : new Change(Change.Kind.NOT_STARTED, after, said + ", but it did not start there: "
                        + CopyStarts.why(started.failed().get(0)));
    }

    private Change raceLost(ClusterWatcherRecord r) {
        metrics.failed();
        String said = "did not change cluster watcher " + r.name() + ": its record /watchers/" + r.key() + " changed meanwhile"
                + " (removed, scaled, or changed by another replica); the next pass decides again";
        LOG.warn("{}", said);
        return new Change(Change.Kind.RACE_LOST, Optional.empty(), said);
    }

    private Change noFit(ClusterWatcherRecord r, String what, NoNodeFitsException e) {
        metrics.failed();
        String said = "could not " + what + " cluster watcher " + r.name() + ": " + e.getMessage();
        LOG.warn("{}", said);
        return new Change(Change.Kind.NO_FIT, Optional.empty(), said);
    }
}
