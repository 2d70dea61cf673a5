package org.circusmeta.manager.placement;

import java.util.Map;
import java.util.Optional;

/** Every key of the watcher's constraints must be a label of the node, with exactly that value. Stateless. */
final class MustMatchLabels implements HardConstraint {
    @Override
    public Optional<String> rejects(WatcherSpec watcher, Candidate node) {
        for (Map.Entry<String, String> c : watcher.constraints().entrySet()) {
            String actual = node.labels().get(c.getKey());
            if (!c.getValue().equals(actual)) {
                return Optional.of(actual == null ? "has no label '" + c.getKey() + "'"
                        : "label " + c.getKey() + " is '" + actual + "', not '" + c.getValue() + "'");
            }
        }
        return Optional.empty();
    }
}
