package org.circusmeta.manager.reconcile;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.circusmeta.manager.registry.DirectoryListener;
import org.circusmeta.manager.registry.NodeDirectory;

/**
 * Since when each node has been gone from the registry, as this replica saw it. Every replica keeps
 * it, so that a replica that takes over leadership already knows since when a node is gone. A node
 * that was already gone when this replica first read the registry is gone since that first reading.
 *
 * <p>Thread-safe. Records facts only; deciding is the reconciler's.
 */
public final class Departures implements DirectoryListener {
    private final Map<String, Instant> goneSince = new ConcurrentHashMap<>();
    private volatile Instant firstLoaded;

    @Override
    public void directoryChanged(NodeDirectory previous, NodeDirectory current) {
        if (!current.isLoaded()) {
            return;
        }
        if (firstLoaded == null) {
            firstLoaded = Instant.now();
        }
        Instant now = Instant.now();
        for (String node : previous.nodes().keySet()) {
            if (!current.nodes().containsKey(node) && previous.isLoaded()) {
                goneSince.putIfAbsent(node, now);
            }
        }
        goneSince.keySet().removeAll(current.nodes().keySet());
    }

    /** Since when a node has been gone, when it is not registered; empty until the registry has been read. */
    public Optional<Instant> goneSince(String node, NodeDirectory current) {
        if (!current.isLoaded() || firstLoaded == null || current.nodes().containsKey(node)) {
            return Optional.empty();
        }
        return Optional.of(goneSince.computeIfAbsent(node, n -> firstLoaded));
    }
}
