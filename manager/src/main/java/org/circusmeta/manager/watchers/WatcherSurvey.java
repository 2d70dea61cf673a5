package org.circusmeta.manager.watchers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.circusmeta.manager.command.Deadline;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;

/**
 * Asks nodes which watchers they run: {@code status} on each node, then {@code numprocesses} for each
 * of its watchers, all in parallel within one deadline. Once the stats aggregation keeps live
 * process counts, the second step can read them from there instead.
 *
 * <p>Thread-safe. Futures complete on socket-loop threads.
 */
public final class WatcherSurvey {
    private static final Request STATUS = Request.of("status");

    private final NodeConnections connections;

    public WatcherSurvey(NodeConnections connections) {
        this.connections = connections;
    }

    public CompletableFuture<List<NodeWatchers>> survey(Collection<String> nodes, Deadline deadline) {
        List<CompletableFuture<NodeWatchers>> each = nodes.stream().map(node -> surveyOne(node, deadline)).toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> each.stream().map(CompletableFuture::join).toList());
    }

    public CompletableFuture<NodeWatchers> surveyOne(String node, Deadline deadline) {
        return connections.call(node, STATUS, deadline.remaining()).thenCompose(outcome -> {
            if (outcome instanceof NodeOutcome.Failed failed) {
                return CompletableFuture.completedFuture(NodeWatchers.failed(node, failed.failure()));
            }
            Reply reply = outcome.answer().orElseThrow();
            JsonNode statuses = reply.get("statuses");
            if (reply.isError() || !statuses.isObject()) {
                return CompletableFuture.completedFuture(new NodeWatchers(node, List.of(), Optional.empty()));
            }
            return countProcesses(node, statuses, deadline);
        });
    }

    private CompletableFuture<NodeWatchers> countProcesses(String node, JsonNode statuses, Deadline deadline) {
        List<CompletableFuture<WatcherStatus>> each = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : statuses.properties()) {
            String name = entry.getKey();
            String status = entry.getValue().asText();
            each.add(connections.call(node, Request.of("numprocesses").with("name", name), deadline.remaining())
                    .thenApply(outcome -> new WatcherStatus(name, status, outcome.answer()
                            .map(r -> r.get("numprocesses").asInt(-1)).orElse(-1))));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> new NodeWatchers(node, each.stream().map(CompletableFuture::join).toList(), Optional.empty()));
    }
}
