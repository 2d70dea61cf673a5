package org.circusmeta.manager.registry;

/**
 * Told of every new {@link NodeDirectory} snapshot, in order, on the registry-view thread. The place
 * where the node connections (and later the stream aggregation and the reconciler) learn of nodes
 * that come and go. Implementations must return quickly; one that throws is logged and the others
 * are still told.
 */
@FunctionalInterface
public interface DirectoryListener {
    void directoryChanged(NodeDirectory previous, NodeDirectory current);
}
