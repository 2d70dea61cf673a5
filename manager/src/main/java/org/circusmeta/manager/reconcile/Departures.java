package org.circusmeta.manager.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.circusmeta.manager.registry.DirectoryListener;
import org.circusmeta.manager.registry.NodeDirectory;
import org.circusmeta.manager.registry.RegisteredNode;
import org.circusmeta.registration.record.NodeRecord;

/**
 * Since when each node has been gone from the registry, as this replica saw it, and the endpoint it
 * had: a node that comes back under another name at the same endpoint was renamed (its registrar
 * re-registered it, docs/registry.md), and its copies are that node's. Every replica keeps it, so
 * that a replica that takes over leadership already knows since when a node is gone. A node that
 * was already gone when this replica first read the registry is gone since that first reading (and
 * its endpoint is not known).
 *
 * <p>Thread-safe. Records facts only; deciding is the reconciler's.
 */
public final class Departures implements DirectoryListener {
    private final Map<String, Instant> goneSince = new ConcurrentHashMap<>();
    private final Map<String, String> endpoints = new ConcurrentHashMap<>();
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
        for (RegisteredNode node : previous.nodes().values()) {
            if (!current.nodes().containsKey(node.name()) && previous.isLoaded()) {
                goneSince.putIfAbsent(node.name(), now);
                node.record().map(NodeRecord::endpoint).ifPresent(e -> endpoints.put(node.name(), e));
            }
        }
        goneSince.keySet().removeAll(current.nodes().keySet());
        endpoints.keySet().retainAll(goneSince.keySet());
    }

    /** Since when a node has been gone, when it is not registered; empty until the registry has been read. */
    public Optional<Instant> goneSince(String node, NodeDirectory current) {
        if (!current.isLoaded() || firstLoaded == null || current.nodes().containsKey(node)) {
            return Optional.empty();
        }
        return Optional.of(goneSince.computeIfAbsent(node, n -> firstLoaded));
    }

    /** The name a gone node is registered under now: the one registered node at the endpoint it had. */
    public Optional<String> renamedTo(String node, NodeDirectory current) {
        String endpoint = endpoints.get(node);
        if (endpoint == null || current.nodes().containsKey(node)) {
            return Optional.empty();
        }
        List<String> there = current.nodes().values().stream()
                .filter(n -> n.record().map(r -> r.endpoint().equals(endpoint)).orElse(false))
                .map(RegisteredNode::name)
                .toList();
        return there.size() == 1 ? Optional.of(there.get(0)) : Optional.empty();
    }
}
