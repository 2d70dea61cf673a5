package org.circusmeta.manager.health;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.nodes.NodeState;
import org.circusmeta.manager.nodes.NodeSummary;

/** Unhealthy while a registered node has been unreachable for longer than the command timeout. Thread-safe. */
public class NodesHealthCheck extends HealthCheck {
    private final NodeConnections connections;

    /** Unreachable for longer than the connections' command timeout makes a node lost. */
    public NodesHealthCheck(NodeConnections connections) {
        this.connections = connections;
    }

    @Override
    protected Result check() {
        Duration grace = connections.settings().commandTimeout();
        List<NodeSummary> nodes = connections.summaries();
        Instant limit = Instant.now().minus(grace);
        List<NodeSummary> lost = nodes.stream()
                .filter(n -> n.state() == NodeState.UNREACHABLE)
                .filter(n -> n.unreachableSince().map(t -> t.isBefore(limit)).orElse(false))
                .toList();
        if (lost.isEmpty()) {
            long attached = nodes.stream().filter(n -> n.state() == NodeState.ATTACHED).count();
            return Result.healthy(attached + " of " + nodes.size() + " registered nodes attached");
        }
        return Result.unhealthy(lost.size() + " node" + (lost.size() == 1 ? " has" : "s have") + " not answered for more than "
                + grace.toMillis() + " ms: " + lost.stream()
                        .map(n -> n.name() + " (unreachable since " + n.unreachableSince().orElseThrow() + ")")
                        .collect(Collectors.joining(", "))
                + "; check those hosts, or detach them with POST /tasks/detach?node=NAME");
    }
}
