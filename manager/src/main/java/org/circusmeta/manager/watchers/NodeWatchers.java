package org.circusmeta.manager.watchers;

import java.util.List;
import java.util.Optional;
import org.circusmeta.manager.nodes.NodeOutcome;

/**
 * One node's watchers, or why they are not known (it did not answer {@code status}).
 *
 * <p>Immutable.
 */
public record NodeWatchers(String node, List<WatcherStatus> watchers, Optional<NodeOutcome.Failure> failure) {
    public NodeWatchers {
        watchers = List.copyOf(watchers);
    }

    static NodeWatchers failed(String node, NodeOutcome.Failure failure) {
        return new NodeWatchers(node, List.of(), Optional.of(failure));
    }
}
