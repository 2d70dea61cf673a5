package org.circusmeta.manager.placement;

import java.util.Locale;
import java.util.Optional;

/** A node that already has a watcher of that name (circus names ignore case) would refuse the add. Stateless. */
final class MustNotRunIt implements HardConstraint {
    @Override
    public Optional<String> rejects(WatcherSpec watcher, Candidate node) {
        return node.has(watcher.name().toLowerCase(Locale.ROOT))
                ? Optional.of("already has a watcher named '" + watcher.name() + "'") : Optional.empty();
    }
}
