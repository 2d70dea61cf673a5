package org.circusmeta.manager.core;

import java.util.Optional;
import org.circusmeta.manager.watchers.WatcherDefinition;

/**
 * Adds a watcher: pinned on the node named (never recorded, never moved: it lives and dies with its
 * node), or, without one, where placement chooses among the attached nodes whose labels match its
 * constraints, recorded as a cluster watcher that the leader places again when its node is lost.
 *
 * @param waiting the node answers once it has started the watcher (circus's {@code waiting})
 */
public record AddWatcher(WatcherDefinition definition, Optional<String> node, boolean waiting) implements Change {

    public static AddWatcher placed(WatcherDefinition definition, boolean waiting) {
        return new AddWatcher(definition, Optional.empty(), waiting);
    }

    public static AddWatcher pinned(WatcherDefinition definition, String node, boolean waiting) {
        return new AddWatcher(definition, Optional.of(node), waiting);
    }

    @Override
    public String describe() {
        return "add watcher " + definition.name() + node.map(n -> " on node " + n).orElse(" where placement chooses");
    }
}
