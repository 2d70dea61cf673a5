package org.circusmeta.manager.nodes;

import java.time.Instant;
import java.util.Optional;
import org.circusmeta.registration.record.NodeRecord;

/**
 * One node as the manager knows it at this instant: its state, its record (absent when invalid, with
 * the reason instead), its load, when it last answered and since when it has not.
 *
 * <p>Immutable.
 */
public record NodeSummary(
        String name,
        NodeState state,
        Optional<NodeRecord> record,
        Optional<String> invalidReason,
        NodeLoad load,
        Optional<Instant> lastSeen,
        Optional<Instant> unreachableSince) {}
