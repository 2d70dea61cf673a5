package org.circusmeta.manager.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.circusmeta.manager.command.FanOut;
import org.circusmeta.manager.command.FanOutResult;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.nodes.NodeState;
import org.circusmeta.manager.nodes.NodeSummary;
import org.circusmeta.protocol.QualifiedName;
import org.circusmeta.protocol.Request;

/**
 * How the cluster endpoint reaches nodes: through the asynchronous fan-out, within one deadline, so
 * that its thread never waits.
 *
 * <p>Thread-safe. Futures complete on socket-loop threads.
 */
final class NodeCalls {
    private final NodeConnections connections;
    private final FanOut fanOut;
    private final Duration deadline;

    NodeCalls(NodeConnections connections, FanOut fanOut, Duration deadline) {
        this.connections = connections;
        this.fanOut = fanOut;
        this.deadline = deadline;
    }

    Duration deadline() {
        return deadline;
    }

    /** Every registered node worth asking: all but the invalid and detached ones. */
    List<String> candidates() {
        return connections.summaries().stream()
                .filter(n -> n.state() != NodeState.INVALID && n.state() != NodeState.DETACHED)
                .map(NodeSummary::name)
                .toList();
    }

    CompletableFuture<FanOutResult> everyNode(Request request) {
        return fanOut.run(request, candidates(), deadline);
    }

    CompletableFuture<NodeOutcome> one(String node, Request request) {
        return fanOut.run(request, List.of(node), deadline).thenApply(result -> result.outcomes().get(0));
    }

    /** {@code NODE:W} names a node only when such a node is registered; otherwise it is a watcher name with a colon. */
    boolean namesNode(QualifiedName name) {
        return name.node().map(connections::isRegistered).orElse(false);
    }

    List<NodeSummary> nodes() {
        return connections.summaries();
    }
}
