package org.circusmeta.manager.placement;

import java.util.Optional;

/** A node the watcher must keep off (one that holds a copy of it already) never takes it. Stateless. */
final class MustNotBeAvoided implements HardConstraint {
    @Override
    public Optional<String> rejects(WatcherSpec watcher, Candidate node) {
        return Optional.ofNullable(watcher.avoid().get(node.name()));
    }
}
