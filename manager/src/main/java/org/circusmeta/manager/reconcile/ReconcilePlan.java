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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord.Copy;

/**
 * What the leader is to do about each cluster watcher, decided from one immutable picture of them
 * (a pure function: see {@link #of}):
 * <ul>
 *   <li>a record being removed: finish its removal;
 *   <li>a copy whose node has been gone from the registry for {@code rescheduleAfter} (or at once, for a
 *       rebalance): move it to a node without one (drop it, for a watcher on every node; never, for a
 *       pinned one);
 *   <li>fewer copies than its count: place more; more: remove the surplus, never a copy on a cordoned
 *       node (a drain places its replacement first, and removes it once the replacement runs); for a
 *       watcher on every node: a copy on each fitting node without one;
 *   <li>a copy on a node that answers but does not run it, past the grace (the time an add in flight
 *       may take, since the copy was placed or since it was first seen missing): add it there again;
 *   <li>a copy running on a node the record was moved off: stale, remove it; a node it was moved off
 *       that answers without it: forget it from the record.
 * </ul>
 * Nodes that did not answer the survey are left out of every decision that needs what they run.
 * Whether placement may run now (the lost-fraction valve, a watcher's back-off) is the reconciler's
 * to judge when it carries the plan out.
 *
 * <p>Immutable.
 */
record ReconcilePlan(List<ForRecord> records, Map<String, Instant> missingSince) {

    /** A copy to add again on its node, missing there for that long. */
    record Restore(String node, Duration missingFor) {}

    /** Copies to remove ({@code stale}), and nodes to forget from {@code moved_from} that run none ({@code clean}). */
    record StaleCopies(List<String> stale, List<String> clean) {
        boolean isEmpty() {
            return stale.isEmpty() && clean.isEmpty();
        }
    }

    /**
     * Everything to do about one record.
     *
     * @param moves copies on nodes gone long enough, each node with since when, to place elsewhere
     * @param drops copies on nodes gone long enough that are not to be replaced (a watcher on every node, a surplus)
     * @param fill copies to place more (beyond the moves)
     * @param trim surplus copies to remove from nodes that run them
     * @param kept the copies on cordoned nodes, never removed as surplus
     */
    record ForRecord(ClusterRecords.Stored stored, boolean finishRemoval, Map<String, Instant> moves,
            Map<String, Instant> drops, int fill, int trim, boolean everyNode, List<Restore> restores, StaleCopies stale,
            Set<String> kept) {
        /** Whether it places copies (or drops lost ones): what the valve and the back-off hold back. */
        boolean reschedules() {
            return !moves.isEmpty() || !drops.isEmpty() || fill > 0 || everyNode;
        }
    }

    /** The picture: records, registered nodes (the cordoned among them), what each surveyed node runs (lower-case names), and the timings. */
    record Picture(SortedMap<String, ClusterRecords.Stored> records, Set<String> registered, Set<String> cordoned,
            Map<String, Set<String>> running, Function<String, Optional<Instant>> goneSince,
            Map<String, Instant> missingSince, Instant now, Duration rescheduleAfter, Duration grace, boolean rebalance) {}

    static ReconcilePlan of(Picture p) {
        List<ForRecord> plans = new ArrayList<>();
        Map<String, Instant> missing = new HashMap<>();
        for (ClusterRecords.Stored stored : p.records().values()) {
            ClusterWatcherRecord r = stored.record();
            if (r.removing()) {
                plans.add(new ForRecord(stored, true, Map.of(), Map.of(), 0, 0, false, List.of(),
                        new StaleCopies(List.of(), List.of()), Set.of()));
                continue;
            }
            Map<String, Instant> lost = r.pinned() ? Map.of() : lost(p, r);
            Map<String, Instant> moves = new TreeMap<>();
            Map<String, Instant> drops = new TreeMap<>(lost);
            int fill = 0;
            int trim = 0;
            Set<String> kept = new TreeSet<>(r.nodes());
            kept.retainAll(p.cordoned());
            kept.removeAll(lost.keySet());
            if (!r.pinned() && !r.instances().isEvery()) {
                int live = r.copies().size() - lost.size();
                int wanted = r.instances().count();
                for (String node : new TreeMap<>(lost).keySet()) {
                    if (live + moves.size() < wanted) {
                        moves.put(node, drops.remove(node));
                    }
                }
                fill = Math.max(0, wanted - live - moves.size());
                trim = Math.max(0, live - kept.size() - wanted);
            }
            plans.add(new ForRecord(stored, false, moves, drops, fill, trim, r.instances().isEvery() && !r.pinned(),
                    restores(p, r, missing), stale(p, r), Set.copyOf(kept)));
        }
        return new ReconcilePlan(List.copyOf(plans), Map.copyOf(missing));
    }

    private static Map<String, Instant> lost(Picture p, ClusterWatcherRecord r) {
        Map<String, Instant> lost = new HashMap<>();
        for (String node : r.nodes()) {
            if (!p.registered().contains(node)) {
                p.goneSince().apply(node).filter(since -> p.rebalance() || !since.plus(p.rescheduleAfter()).isAfter(p.now()))
                        .ifPresent(since -> lost.put(node, since));
            }
        }
        return lost;
    }

    private static List<Restore> restores(Picture p, ClusterWatcherRecord r, Map<String, Instant> missing) {
        List<Restore> restores = new ArrayList<>();
        for (Copy copy : r.copies()) {
            Set<String> running = p.running().get(copy.node());
            if (!p.registered().contains(copy.node()) || running == null || running.contains(r.key())) {
                continue;
            }
            String key = missingKey(r.key(), copy.node());
            Instant since = p.missingSince().getOrDefault(key, p.now());
            boolean placedLongAgo = !copy.placedAt().plus(p.grace()).isAfter(p.now());
            if (placedLongAgo || Duration.between(since, p.now()).compareTo(p.grace()) >= 0) {
                restores.add(new Restore(copy.node(), Duration.between(since.isBefore(copy.placedAt()) ? copy.placedAt() : since,
                        p.now())));
            } else {
                missing.put(key, since);
            }
        }
        return restores;
    }

    private static StaleCopies stale(Picture p, ClusterWatcherRecord r) {
        List<String> staleOn = new ArrayList<>();
        List<String> cleanOn = new ArrayList<>();
        for (String node : r.movedFrom()) {
            Set<String> running = p.running().get(node);
            if (running != null) {
                (running.contains(r.key()) ? staleOn : cleanOn).add(node);
            }
        }
        return new StaleCopies(List.copyOf(staleOn), List.copyOf(cleanOn));
    }

    /** Whether a copy of a record has been missing since, keyed by watcher and node. */
    static String missingKey(String watcher, String node) {
        return watcher + "@" + node;
    }
}
