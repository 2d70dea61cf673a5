package org.circusmeta.manager.core;

import java.util.Optional;
import org.circusmeta.manager.watchers.Instances;
import org.circusmeta.manager.watchers.WatcherDefinition;

/**
 * Adds a watcher: pinned on the node named (recorded as pinned: never moved, added again there when
 * the node comes back without it), or, without one, as a cluster watcher of {@code instances} copies
 * on distinct nodes (or one on every node that fits), where placement chooses among the attached
 * nodes whose labels match its constraints, spread over the values of the {@code spread} label; the
 * leader keeps the count (docs/placement.md).
 *
 * @param waiting the nodes answer once they have started the watcher (circus's {@code waiting})
 */
public record AddWatcher(WatcherDefinition definition, Optional<String> node, Instances instances, Optional<String> spread,
        boolean waiting) implements Change {

    public static AddWatcher placed(WatcherDefinition definition, boolean waiting) {
        return placed(definition, Instances.ONE, Optional.empty(), waiting);
    }

    public static AddWatcher placed(WatcherDefinition definition, Instances instances, Optional<String> spread,
            boolean waiting) {
        return new AddWatcher(definition, Optional.empty(), instances, spread, waiting);
    }

    public static AddWatcher pinned(WatcherDefinition definition, String node, boolean waiting) {
        return new AddWatcher(definition, Optional.of(node), Instances.ONE, Optional.empty(), waiting);
    }

    @Override
    public String describe() {
        return "add watcher " + definition.name() + node.map(n -> " on node " + n).orElseGet(() -> (instances.equals(
                Instances.ONE) ? "" : ", " + instances + " copies" + spread.map(s -> " spread by " + s).orElse(""))
                + " where placement chooses");
    }
}
