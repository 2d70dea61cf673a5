package org.circusmeta.manager.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * What the leader is to do about the cluster watchers, decided from one immutable picture of them
 * (a pure function: see {@link #of}):
 * <ul>
 *   <li>a record whose node has been gone from the registry for {@code rescheduleAfter} (or at once,
 *       for a rebalance): move it;
 *   <li>a copy running on a node the record was moved off: stale, remove it; a node it was moved off
 *       that answers without it: forget it from the record;
 *   <li>a record whose node answers but does not run it, for longer than the grace (the time an add in
 *       flight may take): add it there again.
 * </ul>
 * Nodes that did not answer the survey are left out of every decision that needs what they run.
 *
 * <p>Immutable.
 */
record ReconcilePlan(List<Move> moves, List<StaleCopies> staleCopies, List<Restore> restores,
        Map<String, Instant> missingSince) {

    record Move(ClusterRecords.Stored stored, Instant goneSince) {}

    /** Copies to remove ({@code stale}), and nodes to forget from {@code moved_from} that run none ({@code clean}). */
    record StaleCopies(ClusterRecords.Stored stored, List<String> stale, List<String> clean) {}

    record Restore(ClusterRecords.Stored stored, Duration missingFor) {}

    /** The picture: records, registered nodes, what each surveyed node runs (lower-case names), and the timings. */
    record Picture(SortedMap<String, ClusterRecords.Stored> records, Set<String> registered,
            Map<String, Set<String>> running, Function<String, Optional<Instant>> goneSince,
            Map<String, Instant> missingSince, Instant now, Duration rescheduleAfter, Duration grace, boolean rebalance) {}

    static ReconcilePlan of(Picture p) {
        List<Move> moves = new ArrayList<>();
        List<StaleCopies> stale = new ArrayList<>();
        List<Restore> restores = new ArrayList<>();
        Map<String, Instant> missing = new HashMap<>();
        for (ClusterRecords.Stored stored : p.records().values()) {
            ClusterWatcherRecord r = stored.record();
            if (!p.registered().contains(r.node())) {
                p.goneSince().apply(r.node())
                        .filter(since -> p.rebalance() || !since.plus(p.rescheduleAfter()).isAfter(p.now()))
                        .ifPresent(since -> moves.add(new Move(stored, since)));
            } else if (p.running().containsKey(r.node()) && !p.running().get(r.node()).contains(r.key())) {
                Instant since = p.missingSince().getOrDefault(r.key(), p.now());
                if (Duration.between(since, p.now()).compareTo(p.grace()) >= 0) {
                    restores.add(new Restore(stored, Duration.between(since, p.now())));
                } else {
                    missing.put(r.key(), since);
                }
            }
            copies(p, stored).ifPresent(stale::add);
        }
        return new ReconcilePlan(List.copyOf(moves), List.copyOf(stale), List.copyOf(restores), Map.copyOf(missing));
    }

    private static Optional<StaleCopies> copies(Picture p, ClusterRecords.Stored stored) {
        List<String> staleOn = new ArrayList<>();
        List<String> cleanOn = new ArrayList<>();
        for (String node : stored.record().movedFrom()) {
            Set<String> running = p.running().get(node);
            if (running != null) {
                (running.contains(stored.record().key()) ? staleOn : cleanOn).add(node);
            }
        }
        return staleOn.isEmpty() && cleanOn.isEmpty() ? Optional.empty()
                : Optional.of(new StaleCopies(stored, List.copyOf(staleOn), List.copyOf(cleanOn)));
    }

    boolean isEmpty() {
        return moves.isEmpty() && staleCopies.isEmpty() && restores.isEmpty();
    }
}
