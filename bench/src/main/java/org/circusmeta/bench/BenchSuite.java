package org.circusmeta.bench;

/** One group of figures, run by the name {@link Bench} gives it ({@code scripts/bench protocol}). */
@FunctionalInterface
public interface BenchSuite {
    /** Measures the figures and adds one row per figure. Starts and stops whatever it needs. */
    void run(BenchReport report) throws Exception;
}
