package org.circusmeta.manager.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.circusmeta.manager.command.FanOut;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.placement.NoNodeFitsException;
import org.circusmeta.manager.placement.PlacementDecision;
import org.circusmeta.manager.placement.Placer;
import org.circusmeta.manager.placement.Rebalancing;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the leader's decisions, each with a versioned write of the record first and the node
 * commands after, so that the record always names the node that may run the watcher, and a write that
 * lost its race (another leader's, an {@code rm}) stops the decision before anything runs. Every
 * decision is logged in plain words, told to the caller (the rebalance task prints them) and counted.
 *
 * <p>Confined to the reconciler thread.
 */
final class Reconciliation {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

    private final ClusterRecords records;
    private final Placer placer;
    private final FanOut fanOut;
    private final Replica replica;
    private final PlacementMetrics metrics;
    private final Consumer<String> said;
    private final Set<String> moved = new HashSet<>();

    Reconciliation(ClusterRecords records, Placer placer, FanOut fanOut, Replica replica, PlacementMetrics metrics,
            Consumer<String> said) {
        this.records = records;
        this.placer = placer;
        this.fanOut = fanOut;
        this.replica = replica;
        this.metrics = metrics;
        this.said = said;
    }

    void move(ReconcilePlan.Move move, Instant now) {
        ClusterWatcherRecord r = move.stored().record();
        PlacementDecision decision;
        try {
            decision = placer.place(r.watcherSpec());
        } catch (NoNodeFitsException e) {
            metrics.failed();
            warn("could not move cluster watcher " + r.name() + " off " + r.node() + " (gone since " + clock(move.goneSince())
                    + "): " + e.getMessage() + "; the leader tries again at its next pass");
            return;
        }
        String gone = "gone since " + clock(move.goneSince()) + ", " + seconds(Duration.between(move.goneSince(), now));
        relocate(move.stored(), decision.node(), decision.reason(), "from " + r.node() + " (" + gone + ")");
        // The old node is gone: its copy, if it still runs, is removed when the node comes back.
    }

    /** A rebalance move: the record first, then the add on the new node, then the old copy removed. */
    void rebalance(ClusterRecords.Stored stored, Rebalancing.Move move) {
        relocate(stored, move.to(), move.reason(), "from " + move.from() + " to even the load")
                .ifPresent(written -> removeStaleCopies(new ReconcilePlan.StaleCopies(written, List.of(move.from()), List.of())));
    }

    /** @return the record as written, once the watcher was added on its new node */
    private Optional<ClusterRecords.Stored> relocate(ClusterRecords.Stored stored, String to, String why, String from) {
        ClusterWatcherRecord r = stored.record();
        Optional<ClusterRecords.Stored> written = records.update(r.movedTo(to, Instant.now(), replica.id(), why), stored.version());
        if (written.isEmpty()) {
            placer.release(r.name());
            metrics.failed();
            warn("did not move cluster watcher " + r.name() + ": its record /watchers/" + r.key()
                    + " changed meanwhile (removed, or moved by another leader); the next pass decides again");
            return Optional.empty();
        }
        moved.add(r.key());
        metrics.moved();
        say("moved cluster watcher " + r.name() + " " + from + " to " + to + " (" + why + ")");
        Optional<Reply> added = call(to, written.get().record().addRequest(), r.name());
        return added.filter(reply -> !reply.isError()).map(reply -> written.get());
    }

    /** Whether a record (by key) was moved in this pass: the picture's stale copies of it no longer hold. */
    boolean wasMoved(String key) {
        return moved.contains(key);
    }

    void restore(ReconcilePlan.Restore restore) {
        ClusterWatcherRecord r = restore.stored().record();
        Optional<Reply> reply = call(r.node(), r.addRequest(), r.name());
        if (reply.isPresent() && !reply.get().isError()) {
            metrics.restored();
            say("added cluster watcher " + r.name() + " again on " + r.node() + ", where its record places it: it ran"
                    + " nowhere for " + seconds(restore.missingFor()));
        }
    }

    void removeStaleCopies(ReconcilePlan.StaleCopies copies) {
        ClusterWatcherRecord r = copies.stored().record();
        List<String> gone = new ArrayList<>(copies.clean());
        for (String node : copies.stale()) {
            Optional<Reply> reply = call(node, Request.of("rm").with("name", r.name()), r.name());
            if (reply.isPresent() && (!reply.get().isError() || reply.get().isUnknownWatcher())) {
                gone.add(node);
                metrics.staleCopyRemoved();
                say("removed the stale copy of cluster watcher " + r.name() + " from " + node + ", which it was moved off; it"
                        + " runs on " + r.node());
            }
        }
        if (!gone.isEmpty()) {
            Optional<ClusterRecords.Stored> latest = records.get(r.name()).filter(s -> s.version() >= copies.stored().version());
            ClusterRecords.Stored base = latest.orElse(copies.stored());
            records.update(base.record().withoutCopiesOn(gone), base.version());
        }
    }

    /** One command on one node; empty (logged and counted) when it did not answer or refused. */
    private Optional<Reply> call(String node, Request request, String watcher) {
        NodeOutcome outcome = fanOut.one(request, node, fanOut.defaultDeadline()).join();
        if (outcome instanceof NodeOutcome.Failed failed) {
            metrics.failed();
            warn("node " + node + " did not take '" + request.command() + "' of cluster watcher " + watcher + " ("
                    + failed.failure().reason() + "); the leader tries again at a later pass");
            return Optional.empty();
        }
        Reply reply = outcome.answer().orElseThrow();
        if (reply.isError() && !reply.isUnknownWatcher()) {
            metrics.failed();
            warn("node " + node + " refused '" + request.command() + "' of cluster watcher " + watcher + ": "
                    + reply.reason().orElse("no reason given"));
        }
        return Optional.of(reply);
    }

    private void say(String line) {
        LOG.info("{}", line);
        said.accept(line);
    }

    private void warn(String line) {
        LOG.warn("{}", line);
        said.accept(line);
    }

    static String clock(Instant at) {
        return LocalTime.ofInstant(at, ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String seconds(Duration d) {
        return d.toMillis() < 10_000 ? String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0)
                : d.toSeconds() + " s";
    }
}
