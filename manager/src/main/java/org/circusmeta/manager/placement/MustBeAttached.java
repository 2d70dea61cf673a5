package org.circusmeta.manager.placement;

import java.util.Optional;
import org.circusmeta.manager.nodes.NodeState;

/** Only a node that answers commands can take a watcher. Stateless. */
final class MustBeAttached implements HardConstraint {
    @Override
    public Optional<String> rejects(WatcherSpec watcher, Candidate node) {
        return node.state() == NodeState.ATTACHED ? Optional.empty() : Optional.of(node.state().wireName());
    }
}
