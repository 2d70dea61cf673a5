package org.circusmeta.manager.placement;

import java.util.Optional;

/** A cordoned node takes no new placement until it is uncordoned. Stateless. */
final class MustBeEligible implements HardConstraint {
    @Override
    public Optional<String> rejects(WatcherSpec watcher, Candidate node) {
        return node.eligible() ? Optional.empty()
                : Optional.of("cordoned (POST /api/nodes/" + node.name() + "/uncordon makes it eligible again)");
    }
}
