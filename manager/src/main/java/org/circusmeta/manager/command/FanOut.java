package org.circusmeta.manager.command;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.protocol.Request;

/**
 * Runs one circus command on many nodes at once over the asynchronous clients, with one deadline for
 * the whole call: every node's call is sent at once and every result is in by the deadline, so a node
 * that does not answer never delays the others. Nothing is retried, except what the client retries
 * safely (a busy refusal: the daemon ran nothing).
 *
 * <p>Thread-safe. The futures complete on socket-loop threads: a caller that blocks must do so on its
 * own thread, never in a dependent stage.
 */
public final class FanOut {
    public static final String FAN_OUT_TIMER = "circusmeta.command.fan-out";

    private final NodeConnections connections;
    private final Timer fanOuts;

    public FanOut(NodeConnections connections, MetricRegistry metrics) {
        this.connections = connections;
        this.fanOuts = metrics.timer(FAN_OUT_TIMER);
    }

    public Duration defaultDeadline() {
        return connections.settings().commandTimeout();
    }

    /** Runs the request on every named node; the result keeps the nodes' order. */
    public CompletableFuture<FanOutResult> run(Request request, Collection<String> nodes, Duration deadline) {
        return run(request, nodes, Deadline.in(deadline));
    }

    /** The request on one node. */
    public CompletableFuture<NodeOutcome> one(Request request, String node, Duration deadline) {
        return one(request, node, Deadline.in(deadline));
    }

    /** The request on one node, within what is left of a deadline already running. */
    public CompletableFuture<NodeOutcome> one(Request request, String node, Deadline deadline) {
        return run(request, List.of(node), deadline).thenApply(result -> result.outcomes().get(0));
    }

    /** As {@link #run(Request, Collection, Duration)}, within what is left of a deadline already running. */
    public CompletableFuture<FanOutResult> run(Request request, Collection<String> nodes, Deadline deadline) {
        long start = System.nanoTime();
        Duration remaining = deadline.remaining();
        List<CompletableFuture<NodeOutcome>> calls = new ArrayList<>(nodes.size());
        for (String node : nodes) {
            NodeOutcome late = new NodeOutcome.Failed(node, NodeOutcome.Failure.TIMEOUT);
            // The client enforces the deadline itself; this guard only makes sure of it.
            calls.add(connections.call(node, request, remaining)
                    .completeOnTimeout(late, remaining.toNanos() + Deadline.GRACE.toNanos(), TimeUnit.NANOSECONDS));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(done -> {
            fanOuts.update(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return new FanOutResult(calls.stream().map(CompletableFuture::join).toList());
        });
    }
}
