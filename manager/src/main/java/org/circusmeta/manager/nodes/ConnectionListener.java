package org.circusmeta.manager.nodes;

import org.circusmeta.registration.record.NodeRecord;

/**
 * Told when a node's connection opens or closes and when its state changes: where the stream
 * aggregation subscribes to a node's pubsub and stats endpoints and the reconciler notices a node
 * leaving. {@link #opened} and {@link #closed} run on the registry-view thread or a task's thread,
 * {@link #stateChanged} on the node's socket-loop thread: all must return at once and never block.
 * A listener that throws is logged; the others are still told.
 */
public interface ConnectionListener {
    /** A connection opened for this record (state attaching). After an endpoint change, follows {@link #closed}. */
    default void opened(NodeRecord record) {}

    /** The connection closed: the znode went, its endpoints changed, or an operator detached it. */
    default void closed(String node) {}

    default void stateChanged(String node, NodeState from, NodeState to) {}
}
