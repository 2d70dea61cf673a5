package org.circusmeta.manager.nodes;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;

/** Gauges of the nodes by state: {@code circusmeta.nodes.state.attached} and so on. */
public final class NodeMetrics {
    private NodeMetrics() {}

    public static void register(MetricRegistry metrics, NodeConnections connections) {
        for (NodeState state : NodeState.values()) {
            metrics.register(MetricRegistry.name(NodeConnections.METRICS_PREFIX, "state", state.wireName()),
                    (Gauge<Long>) () -> connections.summaries().stream().filter(n -> n.state() == state).count());
        }
        metrics.register(MetricRegistry.name(NodeConnections.METRICS_PREFIX, "registered"),
                (Gauge<Integer>) () -> connections.summaries().size());
    }
}
