package org.circusmeta.node.stats;

import java.util.Optional;

/** Reads processes from the operating system. Implementations are confined to the sampler thread. */
interface ProcessReader {
    /** Empty when the process does not exist (any more). */
    Optional<ProcessSample> read(long pid);

    /** Total physical memory in bytes, for {@code mem} percentages. */
    long totalMemory();
}
