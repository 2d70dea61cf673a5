package org.circusmeta.manager.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Placements made but not yet visible in the load (docs/placement.md): each counts on its node as its
 * processes and one watcher at once, so that a burst of adds spreads out. A watcher has at most one
 * reservation per node (one per copy). A reservation ends when the node's stats show the watcher (the
 * stats then count it) or at its deadline, whichever is first. On a node whose process count is its
 * liveness probe's (its stats have nothing fresh), a reservation's processes stop counting once the
 * probe asked after the node answered the add: that count has them already.
 *
 * <p>Thread-safe (every method holds the lock; each costs the node's reservations at most).
 */
public final class Reservations {
    private static final long NOT_LANDED = Long.MAX_VALUE;

    private record Key(String watcher, String node) {}

    private static final class Entry {
        final int processes;
        final long deadlineNanos;
        long landedNanos = NOT_LANDED;

        Entry(int processes, long deadlineNanos) {
            this.processes = processes;
            this.deadlineNanos = deadlineNanos;
        }
    }

    /** One node's reservations and their sums, kept as they change so that applying them is cheap. */
    private static final class OnNode {
        final Map<String, Entry> entries = new HashMap<>();
        int processes;
        long earliestDeadline = Long.MAX_VALUE;
        Set<String> names = Set.of();
        Set<String> lastVisible;

        void add(String watcher, Entry entry) {
            entries.put(watcher, entry);
            lastVisible = null;
            refresh();
        }

        void remove(String watcher) {
            if (entries.remove(watcher) != null) {
                refresh();
            }
        }

        /** Drops what the stats show and what is past its deadline (cheap when neither changed); returns them. */
        List<String> expire(Set<String> visible, long nowNanos) {
            if (visible == lastVisible && nowNanos < earliestDeadline) {
                return List.of();
            }
            lastVisible = visible;
            List<String> ended = new ArrayList<>();
            entries.forEach((watcher, e) -> {
                if (visible.contains(watcher) || nowNanos >= e.deadlineNanos) {
                    ended.add(watcher);
                }
            });
            if (!ended.isEmpty()) {
                ended.forEach(entries::remove);
                refresh();
            }
            return ended;
        }

        /** The processes a count asked at that instant does not hold yet: those of the adds answered after it. */
        int processesAfter(long askedAtNanos) {
            if (askedAtNanos == Candidate.FROM_STATS) {
                return processes;
            }
            int sum = 0;
            for (Entry e : entries.values()) {
                sum += e.landedNanos >= askedAtNanos ? e.processes : 0;
            }
            return sum;
        }

        private void refresh() {
            processes = 0;
            earliestDeadline = Long.MAX_VALUE;
            for (Entry e : entries.values()) {
                processes += e.processes;
                earliestDeadline = Math.min(earliestDeadline, e.deadlineNanos);
            }
            names = Set.copyOf(entries.keySet());
        }
    }

    private final Map<Key, Entry> byCopy = new HashMap<>();
    private final Map<String, OnNode> byNode = new HashMap<>();

    /** Counts a watcher (lower-case name) on a node until its stats show it or the deadline passes. */
    public synchronized void reserve(String watcher, String node, int processes, long deadlineNanos) {
        release(watcher, node);
        Entry entry = new Entry(Math.max(0, processes), deadlineNanos);
        byCopy.put(new Key(watcher, node), entry);
        byNode.computeIfAbsent(node, n -> new OnNode()).add(watcher, entry);
    }

    /** The node answered the add of a reserved watcher: a process count asked after now holds it. */
    public synchronized void landed(String watcher, String node, long nowNanos) {
        Entry entry = byCopy.get(new Key(watcher, node));
        if (entry != null && entry.landedNanos == NOT_LANDED) {
            entry.landedNanos = nowNanos;
        }
    }

    /** Forgets every reservation of a watcher (its placement was undone, or it was removed). */
    public synchronized void release(String watcher) {
        for (Key key : List.copyOf(byCopy.keySet())) {
            if (key.watcher().equals(watcher)) {
                release(watcher, key.node());
            }
        }
    }

    /** Forgets a watcher's reservation on one node. */
    public synchronized void release(String watcher, String node) {
        if (byCopy.remove(new Key(watcher, node)) != null) {
            OnNode onNode = byNode.get(node);
            onNode.remove(watcher);
            if (onNode.entries.isEmpty()) {
                byNode.remove(node);
            }
        }
    }

    /** The nodes as observed, each with its live reservations added; drops the ones that ended. */
    public synchronized List<Candidate> applyTo(List<Candidate> observed, long nowNanos) {
        if (byNode.isEmpty()) {
            return observed;
        }
        List<Candidate> result = new ArrayList<>(observed.size());
        for (Candidate node : observed) {
            OnNode onNode = byNode.get(node.name());
            if (onNode == null) {
                result.add(node);
                continue;
            }
            onNode.expire(node.running(), nowNanos).forEach(watcher -> byCopy.remove(new Key(watcher, node.name())));
            if (onNode.entries.isEmpty()) {
                byNode.remove(node.name());
                result.add(node);
            } else {
                result.add(node.withReserved(onNode.processesAfter(node.processesAskedAt()), onNode.names));
            }
        }
        return result;
    }

    /** How many reservations are held, for metrics and tests. */
    public synchronized int size() {
        return byCopy.size();
    }
}
