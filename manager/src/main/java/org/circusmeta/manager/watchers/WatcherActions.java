package org.circusmeta.manager.watchers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.circusmeta.manager.command.Deadline;
import org.circusmeta.manager.command.FanOut;
import org.circusmeta.manager.command.FanOutResult;
import org.circusmeta.manager.command.NodeTimeoutException;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.nodes.NodeState;
import org.circusmeta.manager.nodes.NodeSummary;
import org.circusmeta.manager.nodes.UnknownNodeException;
import org.circusmeta.protocol.Errno;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;

/**
 * Runs a command on a watcher wherever it is (SPEC §2): on the node named, or on every node that has
 * it, found with a {@code list} to every node, each node getting the command as soon as it listed the
 * watcher, all within one deadline. A node that did not answer the {@code list} is reported with its
 * failure, since it may have the watcher.
 *
 * <p>Thread-safe. Blocks the calling thread up to the deadline: call it from a request thread.
 */
public final class WatcherActions {
    private static final Request LIST = Request.of("list");

    private final NodeConnections connections;
    private final FanOut fanOut;

    public WatcherActions(NodeConnections connections, FanOut fanOut) {
        this.connections = connections;
        this.fanOut = fanOut;
    }

    /**
     * @throws UnknownNodeException when the node named is not registered
     * @throws UnknownWatcherException when no node (or not the one named) has the watcher
     * @throws NodeTimeoutException when the one node named did not answer
     */
    public FanOutResult run(String watcher, Optional<String> node, Request request) {
        Deadline deadline = Deadline.in(fanOut.defaultDeadline());
        if (node.isPresent()) {
            return onOneNode(watcher, node.get(), request, deadline);
        }
        // Each node gets the command as soon as its own 'list' shows the watcher: a node slow to list never eats
        // the others' deadline (they would all report 'timeout', maybe after running the command).
        List<CompletableFuture<Optional<NodeOutcome>>> perNode = new ArrayList<>();
        for (String candidate : candidates()) {
            perNode.add(fanOut.run(LIST, List.of(candidate), deadline).thenCompose(listed -> {
                NodeOutcome outcome = listed.outcomes().get(0);
                if (outcome instanceof NodeOutcome.Failed) {
                    return CompletableFuture.completedFuture(Optional.of(outcome));
                }
                if (!hasWatcher(outcome.answer().orElseThrow(), watcher)) {
                    return CompletableFuture.completedFuture(Optional.<NodeOutcome>empty());
                }
                return fanOut.run(request, List.of(candidate), deadline).thenApply(r -> Optional.of(r.outcomes().get(0)));
            }));
        }
        List<NodeOutcome> outcomes = new ArrayList<>();
        perNode.forEach(future -> future.join().ifPresent(outcomes::add));
        if (outcomes.isEmpty()) {
            throw new UnknownWatcherException(watcher, "is on any node");
        }
        return new FanOutResult(outcomes);
    }

    private FanOutResult onOneNode(String watcher, String node, Request request, Deadline deadline) {
        connections.summary(node);
        FanOutResult result = fanOut.run(request, List.of(node), deadline).join();
        NodeOutcome outcome = result.outcomes().get(0);
        if (outcome instanceof NodeOutcome.Failed failed) {
            throw new NodeTimeoutException(node, request.command(), deadline.total(), failed.failure());
        }
        if (isUnknownWatcher(outcome.answer().orElseThrow())) {
            throw new UnknownWatcherException(watcher, "is on node " + node);
        }
        return result;
    }

    /** Every registered node worth asking: all but the invalid and detached ones. */
    public List<String> candidates() {
        return connections.summaries().stream()
                .filter(n -> n.state() != NodeState.INVALID && n.state() != NodeState.DETACHED)
                .map(NodeSummary::name)
                .toList();
    }

    private static boolean hasWatcher(Reply list, String watcher) {
        String wanted = watcher.toLowerCase(Locale.ROOT);
        for (var name : list.get("watchers")) {
            if (name.asText().toLowerCase(Locale.ROOT).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** circusd's answer for a watcher it does not have: errno 3 {@code program NAME not found}. */
    public static boolean isUnknownWatcher(Reply reply) {
        return reply.isError() && reply.errno().orElse(-1) == Errno.MESSAGE_ERROR.code()
                && reply.reason().map(r -> r.startsWith("program ") && r.endsWith(" not found")).orElse(false);
    }
}
