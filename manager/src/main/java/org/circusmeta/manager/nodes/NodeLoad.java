package org.circusmeta.manager.nodes;

/**
 * What a node carries: its watchers and processes (from the liveness probe) and its cpu and memory
 * (from its stats stream, once aggregation provides them; 0 until then). -1 means not known yet.
 *
 * <p>Immutable.
 *
 * @param processesAskedAt when ({@link System#nanoTime}) the probe asked the process count shown; {@link #NEVER} before
 */
public record NodeLoad(int watchers, int processes, double cpu, double mem, long processesAskedAt) {
    public static final long NEVER = Long.MIN_VALUE;
    public static final NodeLoad UNKNOWN = new NodeLoad(-1, -1, 0, 0);

    public NodeLoad(int watchers, int processes, double cpu, double mem) {
        this(watchers, processes, cpu, mem, NEVER);
    }

    public NodeLoad withUsage(LiveLoad.Usage usage) {
        return new NodeLoad(watchers, processes, usage.cpu(), usage.mem(), processesAskedAt);
    }
}
