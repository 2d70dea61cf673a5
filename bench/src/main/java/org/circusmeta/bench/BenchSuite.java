package org.circusmeta.bench;

/** One group of figures, run by name ({@code scripts/bench protocol}). */
public interface BenchSuite {
    /** The name given on the command line and used as the section title. */
    String name();

    /** Measures the figures and adds one row per figure. Starts and stops whatever it needs. */
    void run(BenchReport report) throws Exception;
}
