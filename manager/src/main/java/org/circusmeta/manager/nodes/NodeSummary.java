package org.circusmeta.manager.nodes;

import java.time.Instant;
import java.util.Optional;
import org.circusmeta.registration.record.NodeRecord;

/**
 * One node as the manager knows it at this instant: its state, whether it may take new placements (not
 * cordoned), its record (absent when invalid), why it is invalid or could not be reached at all, its
 * load, when it last answered and since when it has not.
 *
 * <p>Immutable.
 */
public record NodeSummary(
        String name,
        NodeState state,
        boolean eligible,
        Optional<NodeRecord> record,
        Optional<String> reason,
        NodeLoad load,
        Optional<Instant> lastSeen,
        Optional<Instant> unreachableSince) {}
