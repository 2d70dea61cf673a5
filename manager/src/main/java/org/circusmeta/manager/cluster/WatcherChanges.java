package org.circusmeta.manager.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.circusmeta.manager.command.NodeRefusedException;
import org.circusmeta.manager.command.NodeTimeoutException;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.placement.NoNodeFitsException;
import org.circusmeta.manager.placement.WatcherSpec;
import org.circusmeta.manager.reconcile.ClusterWatcherExistsException;
import org.circusmeta.manager.reconcile.ClusterWatchers;
import org.circusmeta.manager.watchers.WatcherActions;
import org.circusmeta.protocol.Errno;
import org.circusmeta.protocol.QualifiedName;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;

/**
 * {@code add} and {@code rm} on the cluster endpoint, which change the cluster watchers (SPEC §4.3).
 * {@code add NODE:W} adds W on that node; a bare name lets placement choose the node and makes W a
 * cluster watcher; the reply is the node's, plus {@code "node"}: where the watcher went. {@code rm}
 * deletes the cluster watcher's record first (as {@code DELETE /api/watchers} does), so that the
 * reconciler does not add it again. Both run their ZooKeeper part on their own executor, never on the
 * endpoint's thread.
 *
 * <p>Thread-safe.
 */
final class WatcherChanges {
    private final NodeCalls nodes;
    private final ClusterWatchers clusterWatchers;
    private final Executor placing;

    WatcherChanges(NodeCalls nodes, ClusterWatchers clusterWatchers, Executor placing) {
        this.nodes = nodes;
        this.clusterWatchers = clusterWatchers;
        this.placing = placing;
    }

    CompletionStage<Reply> add(Request request) {
        Optional<String> name = request.text("name");
        if (name.isEmpty()) {
            return CompletableFuture.completedFuture(Reply.missingProperty("name"));
        }
        if (name.get().isEmpty()) {
            return CompletableFuture.completedFuture(Reply.error("a watcher name cannot be empty; name it NAME, or NODE:NAME"
                    + " to choose its node", Errno.MESSAGE_ERROR));
        }
        if (request.text("cmd").isEmpty()) {
            return CompletableFuture.completedFuture(Reply.missingProperty("cmd"));
        }
        QualifiedName watcher = QualifiedName.parse(name.get());
        if (nodes.namesNode(watcher)) {
            String node = watcher.node().orElseThrow();
            try {
                clusterWatchers.requireNotClusterWatcher(watcher.watcher());
            } catch (ClusterWatcherExistsException e) {
                return CompletableFuture.completedFuture(Reply.error(e.getMessage(), Errno.MESSAGE_ERROR));
            }
            return nodes.one(node, request.with("name", watcher.watcher())).thenApply(this::added);
        }
        WatcherSpec spec = new WatcherSpec(name.get(), Map.of(), request.properties().path("options").path("numprocesses").asInt(1));
        return CompletableFuture.supplyAsync(() -> clusterWatchers.add(spec, request.properties(), nodes.deadline()), placing)
                .thenApply(added -> withNode(added.reply(), added.node()))
                .exceptionally(WatcherChanges::refused);
    }

    /**
     * Forgets the cluster watcher a {@code rm} names (on every node, or on the node named), then runs
     * the {@code rm}. A watcher that had a record but runs nowhere is removed all the same.
     */
    CompletionStage<Reply> remove(String name, Supplier<CompletionStage<Reply>> rm) {
        QualifiedName watcher = QualifiedName.parse(name);
        boolean qualified = nodes.namesNode(watcher);
        return CompletableFuture.supplyAsync(() -> clusterWatchers.forget(qualified ? watcher.watcher() : name,
                        qualified ? watcher.node() : Optional.empty()), placing)
                .thenCompose(recorded -> rm.get().thenApply(reply ->
                        recorded && WatcherActions.isUnknownWatcher(reply) ? Reply.ok().build() : reply))
                .exceptionally(error -> Reply.error("the record of cluster watcher " + name + " could not be deleted ("
                        + unwrap(error).getMessage() + "), so nothing was removed; try again once ZooKeeper answers",
                        Errno.COMMAND_ERROR));
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private Reply added(NodeOutcome outcome) {
        if (outcome instanceof NodeOutcome.Failed failed) {
            return Reply.error(NodeAnswers.failure(outcome.node(), "add", nodes.deadline(), failed.failure()),
                    Errno.COMMAND_ERROR);
        }
        Reply reply = outcome.answer().orElseThrow();
        return reply.isError() ? reply : withNode(reply, outcome.node());
    }

    private static Reply withNode(Reply reply, String node) {
        ObjectNode json = reply.toJson();
        json.put("node", node);
        return Reply.of(json).withId(reply.id());
    }

    private static Reply refused(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof NodeRefusedException refused) {
            return refused.reply();
        }
        if (cause instanceof NoNodeFitsException || cause instanceof ClusterWatcherExistsException) {
            return Reply.error(cause.getMessage(), Errno.MESSAGE_ERROR);
        }
        if (cause instanceof NodeTimeoutException) {
            return Reply.error(cause.getMessage(), Errno.COMMAND_ERROR);
        }
        throw error instanceof CompletionException completion ? completion : new CompletionException(cause);
    }
}
