package org.circusmeta.manager.placement;

/**
 * How much each figure weighs in a node's load (docs/placement.md): per core busy (100 % cpu of one core),
 * per whole host memory in use (100 % mem), and per process.
 *
 * <p>Immutable.
 */
public record Weights(double cpu, double mem, double processes) {
    /** A busy core weighs 1; memory twice as much per percent; ten idle processes weigh like a busy core. */
    public static final Weights DEFAULTS = new Weights(1.0, 2.0, 0.1);

    public Weights {
        if (cpu < 0 || mem < 0 || processes < 0 || cpu + mem + processes == 0) {
            throw new IllegalArgumentException("placement weights must be zero or more, and not all zero");
        }
    }
}
