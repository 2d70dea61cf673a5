package org.circusmeta.manager.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.circusmeta.manager.command.FanOut;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.placement.Placer;
import org.circusmeta.manager.placement.Rebalancing;
import org.circusmeta.protocol.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one pass's plan, record by record, each change through {@link Copies} (the record
 * first, the node commands after), each record's changes one after the other on the version the one
 * before wrote. A change that lost its race (another leader's, an {@code rm}, a scale) stops that
 * record's changes: the next pass decides again. Placement is held back while the valve is shut and,
 * per watcher, until its back-off after a failed start is over. Every decision is told to the caller
 * (the rebalance task prints them); {@link Copies} logs them.
 *
 * <p>Confined to the reconciler thread.
 */
final class Reconciliation {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

    private final Copies copies;
    private final ClusterRecords records;
    private final Placer placer;
    private final FanOut fanOut;
    private final Consumer<String> said;
    private final Instant now;
    private final List<Instant> retries = new ArrayList<>();

    Reconciliation(Copies copies, ClusterRecords records, Placer placer, FanOut fanOut, Consumer<String> said, Instant now) {
        this.copies = copies;
        this.records = records;
        this.placer = placer;
        this.fanOut = fanOut;
        this.said = said;
        this.now = now;
    }

    /** One record's plan; {@code mayPlace} false while the valve holds rescheduling back. */
    void carryOut(ReconcilePlan.ForRecord plan, boolean mayPlace) {
        if (plan.finishRemoval()) {
            finishRemoval(plan.stored());
            return;
        }
        ClusterRecords.Stored s = plan.stored();
        Optional<Instant> retry = s.record().retryAt().filter(now::isBefore);
        retry.ifPresent(retries::add);
        if (plan.reschedules() && mayPlace && retry.isEmpty()) {
            s = reschedule(plan, s);
        }
        for (int i = 0; s != null && i < plan.trim(); i++) {
            List<String> surplus = copies.mostLoadedFirst(s.record().nodes().stream().filter(n -> !plan.kept().contains(n))
                    .toList());
            s = surplus.isEmpty() ? s : next(copies.remove(s, surplus.get(0), "it has more copies than its count, "
                    + s.record().instances()), s);
        }
        if (s == null) {
            return;
        }
        for (ReconcilePlan.Restore restore : plan.restores()) {
            if (s != null && retry.isEmpty() && s.record().copyOn(restore.node()).isPresent()) {
                s = next(copies.restore(s, restore.node(), "its record places a copy there, and it ran nowhere there for "
                        + seconds(restore.missingFor())), s);
            }
        }
        if (s != null && !plan.stale().isEmpty()) {
            List<String> movedFrom = s.record().movedFrom();
            copies.removeStale(s, plan.stale().stale().stream().filter(movedFrom::contains).toList(),
                    plan.stale().clean().stream().filter(movedFrom::contains).toList());
        }
    }

    private ClusterRecords.Stored reschedule(ReconcilePlan.ForRecord plan, ClusterRecords.Stored from) {
        ClusterRecords.Stored s = from;
        for (Map.Entry<String, Instant> lost : plan.moves().entrySet()) {
            s = s == null ? null : next(copies.move(s, lost.getKey(), Optional.empty(), "its node " + lost.getKey()
                    + " is gone since " + gone(lost.getValue())), s);
        }
        for (Map.Entry<String, Instant> lost : plan.drops().entrySet()) {
            s = s == null ? null : next(copies.drop(s, lost.getKey(), "its node is gone since " + gone(lost.getValue())), s);
        }
        for (int i = 0; s != null && i < plan.fill(); i++) {
            Copies.Change placed = copies.place(s, Optional.empty(), "it has " + s.record().copies().size() + " of its "
                    + s.record().instances() + " copies");
            s = next(placed, s);
            if (!placed.isDone()) {
                break;
            }
        }
        if (s != null && plan.everyNode()) {
            for (String node : placer.fittingWithout(s.record().watcherSpec(), Set.copyOf(s.record().nodes()))) {
                s = s == null ? null : next(copies.place(s, Optional.of(node), "it runs on every fitting node"), s);
            }
        }
        return s;
    }

    /** The record after a change: the one it wrote, the same when nothing was written, null when its race was lost. */
    private ClusterRecords.Stored next(Copies.Change change, ClusterRecords.Stored before) {
        said.accept(change.message());
        if (change.kind() == Copies.Change.Kind.RACE_LOST) {
            return null;
        }
        return change.record().orElse(before);
    }

    /** Removes a watcher marked for removal from every registered node that may run it, then deletes its record. */
    private void finishRemoval(ClusterRecords.Stored stored) {
        ClusterWatcherRecord r = stored.record();
        List<String> left = new ArrayList<>();
        List<String> nodes = new ArrayList<>(r.nodes());
        nodes.addAll(r.movedFrom());
        for (String node : nodes) {
            NodeOutcome outcome = fanOut.one(Request.of("rm").with("name", r.name()), node, fanOut.defaultDeadline()).join();
            boolean gone = outcome instanceof NodeOutcome.Failed f && f.failure() == NodeOutcome.Failure.GONE;
            if (!gone && outcome.answer().filter(reply -> !reply.isError() || reply.isUnknownWatcher()).isEmpty()) {
                left.add(node + " (" + CopyStarts.why(outcome) + ")");
            }
        }
        if (!left.isEmpty()) {
            LOG.warn("the removal of cluster watcher {} is pending: {} did not remove it; the leader tries again at its next"
                    + " pass", r.name(), String.join(", ", left));
            return;
        }
        if (records.deleteAt(r.name(), stored.version())) {
            placer.release(r.name());
            say("finished the removal of cluster watcher " + r.name() + ": removed from " + (nodes.isEmpty() ? "no node"
                    : String.join(", ", nodes)) + ", and its record /watchers/" + r.key() + " deleted");
        }
    }

    /** A rebalance move: the record first, then the add on the new node, then the old copy removed. */
    void rebalance(ClusterRecords.Stored stored, Rebalancing.Move move) {
        Copies.Change moved = copies.move(stored, move.from(), Optional.of(move.to()), "to even the load: " + move.reason());
        said.accept(moved.message());
        if (moved.isDone()) {
            moved.record().ifPresent(s -> copies.removeStale(s, List.of(move.from()), List.of()));
        }
    }

    /** When a watcher held back by its back-off may be placed again: a pass is due then. */
    List<Instant> retries() {
        return List.copyOf(retries);
    }

    private void say(String line) {
        LOG.info("{}", line);
        said.accept(line);
    }

    private String gone(Instant since) {
        return clock(since) + ", " + seconds(Duration.between(since, now));
    }

    static String clock(Instant at) {
        return LocalTime.ofInstant(at, ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String seconds(Duration d) {
        return d.toMillis() < 10_000 ? String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0) : d.toSeconds() + " s";
    }
}
