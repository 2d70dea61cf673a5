package org.circusmeta.manager.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.placement.NoNodeFitsException;
import org.circusmeta.manager.placement.Placer;
import org.circusmeta.manager.placement.WatcherSpec;
import org.circusmeta.protocol.Errno;
import org.circusmeta.protocol.QualifiedName;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;

/**
 * {@code add} on the cluster endpoint: {@code add NODE:W} adds W on that node; a bare name lets
 * placement choose the node (SPEC §2, §4.3). The reply is the node's, plus {@code "node"}: where the
 * watcher went. Placement runs on its own executor, since choosing a node may take a while.
 *
 * <p>Thread-safe.
 */
final class ClusterAdd {
    private final NodeCalls nodes;
    private final Placer placer;
    private final Executor placing;

    ClusterAdd(NodeCalls nodes, Placer placer, Executor placing) {
        this.nodes = nodes;
        this.placer = placer;
        this.placing = placing;
    }

    CompletionStage<Reply> add(Request request) {
        Optional<String> name = request.text("name");
        if (name.isEmpty()) {
            return CompletableFuture.completedFuture(Reply.missingProperty("name"));
        }
        if (request.text("cmd").isEmpty()) {
            return CompletableFuture.completedFuture(Reply.missingProperty("cmd"));
        }
        QualifiedName watcher = QualifiedName.parse(name.get());
        if (nodes.namesNode(watcher)) {
            String node = watcher.node().orElseThrow();
            return nodes.one(node, request.with("name", watcher.watcher())).thenApply(outcome -> added(outcome));
        }
        WatcherSpec spec = new WatcherSpec(name.get(), Map.of(), request.properties().path("options").path("numprocesses").asInt(1));
        return CompletableFuture.supplyAsync(() -> placer.place(spec), placing)
                .thenCompose(decision -> nodes.one(decision.node(), request))
                .thenApply(this::added)
                .exceptionally(ClusterAdd::noNodeFits);
    }

    private Reply added(NodeOutcome outcome) {
        if (outcome instanceof NodeOutcome.Failed failed) {
            return Reply.error(NodeAnswers.failure(outcome.node(), "add", nodes.deadline(), failed.failure()),
                    Errno.COMMAND_ERROR);
        }
        Reply reply = outcome.answer().orElseThrow();
        if (reply.isError()) {
            return reply;
        }
        ObjectNode json = reply.toJson();
        json.put("node", outcome.node());
        return Reply.of(json).withId(reply.id());
    }

    private static Reply noNodeFits(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof NoNodeFitsException) {
            return Reply.error(cause.getMessage(), Errno.MESSAGE_ERROR);
        }
        throw error instanceof CompletionException completion ? completion : new CompletionException(cause);
    }
}
