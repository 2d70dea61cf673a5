package org.circusmeta.manager.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Placements made but not yet visible in the stats (docs/placement.md): each counts on its node as its
 * processes and one watcher at once, so that a burst of adds spreads out. A reservation ends when
 * the node's stats show the watcher (the stats then count it) or at its deadline, whichever is first;
 * a new reservation of the same watcher replaces the old one, wherever it was.
 *
 * <p>Thread-safe (every method holds the lock; each costs the node's reservations at most).
 */
public final class Reservations {
    private record Entry(String node, int processes, long deadlineNanos) {}

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
                if (visible.contains(watcher) || nowNanos >= e.deadlineNanos()) {
                    ended.add(watcher);
                }
            });
            if (!ended.isEmpty()) {
                ended.forEach(entries::remove);
                refresh();
            }
            return ended;
        }

        private void refresh() {
            processes = 0;
            earliestDeadline = Long.MAX_VALUE;
            for (Entry e : entries.values()) {
                processes += e.processes();
                earliestDeadline = Math.min(earliestDeadline, e.deadlineNanos());
            }
            names = Set.copyOf(entries.keySet());
        }
    }

    private final Map<String, Entry> byWatcher = new HashMap<>();
    private final Map<String, OnNode> byNode = new HashMap<>();

    /** Counts a watcher (lower-case name) on a node until its stats show it or the deadline passes. */
    public synchronized void reserve(String watcher, String node, int processes, long deadlineNanos) {
        release(watcher);
        Entry entry = new Entry(node, Math.max(0, processes), deadlineNanos);
        byWatcher.put(watcher, entry);
        byNode.computeIfAbsent(node, n -> new OnNode()).add(watcher, entry);
    }

    /** Forgets a watcher's reservation (its placement was undone). */
    public synchronized void release(String watcher) {
        Entry old = byWatcher.remove(watcher);
        if (old != null) {
            OnNode onNode = byNode.get(old.node());
            onNode.remove(watcher);
            if (onNode.entries.isEmpty()) {
                byNode.remove(old.node());
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
            onNode.expire(node.running(), nowNanos).forEach(byWatcher::remove);
            if (onNode.entries.isEmpty()) {
                byNode.remove(node.name());
                result.add(node);
            } else {
                result.add(node.withReserved(onNode.processes, onNode.names));
            }
        }
        return result;
    }

    /** How many reservations are held, for metrics and tests. */
    public synchronized int size() {
        return byWatcher.size();
    }
}
