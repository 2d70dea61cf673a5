package org.circusmeta.manager.placement;

import java.util.Map;
import java.util.Set;
import org.circusmeta.manager.nodes.NodeState;

/**
 * One node as placement sees it: its state, whether it takes new placements (not cordoned), labels
 * and capacity, and its load with the placements not yet visible in its stats already added (see
 * {@link Reservations}).
 *
 * <p>Immutable.
 *
 * @param cpu percent of one core, summed over its processes (may exceed 100)
 * @param mem percent of its host's memory
 * @param processes processes it runs, plus those reserved
 * @param watchers watchers it runs, plus those reserved
 * @param running names (lower case) of the watchers its stats show, so as not to place one twice there
 * @param reserved names (lower case) of the watchers placed on it and not yet in its stats
 * @param eligible whether new watchers may land on it (not cordoned)
 * @param processesAskedAt when ({@link System#nanoTime}) its liveness probe asked the process count it shows, for a
 *     node whose stats have nothing fresh; {@link #FROM_STATS} when the count is its stats'
 */
public record Candidate(String name, NodeState state, boolean eligible, Map<String, String> labels, double capacity,
        double cpu, double mem, int processes, int watchers, Set<String> running, Set<String> reserved,
        long processesAskedAt) {
    /** The process count is the stats stream's, which shows each reserved watcher by name once it runs. */
    public static final long FROM_STATS = Long.MIN_VALUE;

    public Candidate {
        labels = Map.copyOf(labels);
        running = Set.copyOf(running);
        reserved = Set.copyOf(reserved);
    }

    /** An eligible node whose process count is its stats'. */
    public Candidate(String name, NodeState state, Map<String, String> labels, double capacity, double cpu, double mem,
            int processes, int watchers, Set<String> running, Set<String> reserved) {
        this(name, state, true, labels, capacity, cpu, mem, processes, watchers, running, reserved, FROM_STATS);
    }

    /** A node whose process count is its stats'. */
    public Candidate(String name, NodeState state, boolean eligible, Map<String, String> labels, double capacity,
            double cpu, double mem, int processes, int watchers, Set<String> running, Set<String> reserved) {
        this(name, state, eligible, labels, capacity, cpu, mem, processes, watchers, running, reserved, FROM_STATS);
    }

    /** An attached node with no labels and no load: for tests and benchmarks. */
    public static Candidate idle(String name, double capacity) {
        return new Candidate(name, NodeState.ATTACHED, true, Map.of(), capacity, 0, 0, 0, 0, Set.of(), Set.of());
    }

    public double load(Weights weights) {
        return weights.cpu() * cpu / 100 + weights.mem() * mem / 100 + weights.processes() * processes;
    }

    public double loadPerCapacity(Weights weights) {
        return load(weights) / capacity;
    }

    /** Knows of a watcher of that name on it, or not. */
    public boolean has(String lowerCaseName) {
        return running.contains(lowerCaseName) || reserved.contains(lowerCaseName);
    }

    /** This node with reserved watchers added: their processes, their count and their names. */
    public Candidate withReserved(int moreProcesses, Set<String> names) {
        return new Candidate(name, state, eligible, labels, capacity, cpu, mem, processes + moreProcesses,
                watchers + names.size(), running, names, processesAskedAt);
    }

    /** This node with other figures, for what-if computations (a watcher taken off it, or put on it). */
    public Candidate withLoad(double newCpu, double newMem, int newProcesses, int newWatchers) {
        return new Candidate(name, state, eligible, labels, capacity, newCpu, newMem, newProcesses, newWatchers, running,
                reserved, processesAskedAt);
    }
}
