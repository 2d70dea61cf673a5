package org.circusmeta.manager.aggregation;

/**
 * Live usage of some processes, from the stats streams: cpu in percent of one core, summed over the
 * processes (circusd-stats sends a watcher's mean, which is multiplied back by its process count, so
 * that figures add up); mem in percent of the node's memory, summed; the number of processes.
 *
 * <p>Immutable.
 */
public record Figures(double cpu, double mem, int processes) {
    public static final Figures ZERO = new Figures(0, 0, 0);

    public Figures plus(Figures other) {
        return new Figures(cpu + other.cpu, mem + other.mem, processes + other.processes);
    }
}
