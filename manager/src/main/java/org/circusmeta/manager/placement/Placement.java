package org.circusmeta.manager.placement;

import java.util.List;
import org.circusmeta.manager.nodes.NodeSummary;

/**
 * Chooses the node for a watcher added without one. A pure function of the nodes as they stand, with
 * a deterministic tie-break. The strategies of SPEC §4.3 implement it; {@link PlacementFactory} picks
 * one from {@code placement.strategy}.
 */
@FunctionalInterface
public interface Placement {
    /** @throws NoNodeFitsException saying why each node was rejected */
    PlacementDecision place(WatcherSpec watcher, List<NodeSummary> nodes);
}
