package org.circusmeta.manager.nodes;

import java.util.Optional;

/**
 * A node's live cpu and memory, read from its stats stream. The aggregation of the stats streams
 * provides one through {@link NodeConnections#useLiveLoad}; until then there is none. Must be
 * cheap and thread-safe: it is read for every node on every {@code GET /api/nodes} and placement.
 */
@FunctionalInterface
public interface LiveLoad {
    LiveLoad NONE = node -> Optional.empty();

    Optional<Usage> usage(String node);

    /** cpu in percent of one core (may exceed 100), mem in percent of the host's memory. */
    record Usage(double cpu, double mem) {}
}
