package org.circusmeta.manager.core;

import java.util.List;
import java.util.Optional;
import org.circusmeta.manager.nodes.NodeSummary;
import org.circusmeta.manager.watchers.WatcherStatus;

/** One node as the manager knows it, or a {@link Failure}. */
public sealed interface NodeResult permits NodeResult.Shown, Failure.UnknownNode, Failure.Unanswered {

    /** The node, and its watchers unless it cannot be asked (invalid, detached). */
    record Shown(NodeSummary node, Optional<List<WatcherStatus>> watchers) implements NodeResult {}
}
