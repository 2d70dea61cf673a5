package org.circusmeta.manager.placement;

import java.util.List;
import java.util.Optional;

/** A yes/no rule a node must pass to take a watcher; the answer, when no, says why in words. */
interface HardConstraint {
    List<HardConstraint> ALL = List.of(new MustBeAttached(), new MustBeEligible(), new MustMatchLabels(),
            new MustNotBeAvoided(), new MustNotRunIt());

    Optional<String> rejects(WatcherSpec watcher, Candidate node);
}
