package org.circusmeta.manager.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.circusmeta.manager.cluster.NodeAnswers.Answer;
import org.circusmeta.manager.command.FanOutResult;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.watchers.WatcherActions;
import org.circusmeta.protocol.Errno;
import org.circusmeta.protocol.QualifiedName;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.server.ControlEndpoint;

/**
 * The circus commands of the cluster endpoint (SPEC §4.4): what one circusd would answer, for the
 * whole pool. A watcher named {@code NODE:W} is W on that node, and the reply is the node's; a bare
 * name means every node that has it (nodes answering {@code program W not found} do not), and their
 * replies are folded into one. A command on a watcher fails with an error reply naming each node that
 * did not answer or refused; the queries that name no watcher answer with what the nodes that
 * replied said, and name the others under {@code unanswered}.
 *
 * <p>Thread-safe. Runs on the endpoint's loop thread and never blocks it: every call to a node is
 * asynchronous, and replies are built on the thread that completes the last call.
 */
public final class ClusterCommands implements ControlEndpoint.Handler {
    private final NodeCalls nodes;
    private final WatcherChanges changes;

    ClusterCommands(NodeCalls nodes, WatcherChanges changes) {
        this.nodes = nodes;
        this.changes = changes;
    }

    @Override
    public CompletionStage<Reply> handle(Request request) {
        Optional<String> name = request.property("name").map(n -> n.asText());
        return switch (request.commandKey()) {
            case "list" -> name.isPresent() ? onWatcher(request, name.get(), ReplyMerge::fields)
                    : query(request, ClusterQueries::list);
            case "status" -> name.isPresent() ? onWatcher(request, name.get(), ReplyMerge::status)
                    : query(request, ClusterQueries::statuses);
            case "stats" -> name.isPresent() ? onWatcher(request, name.get(), ReplyMerge::fields)
                    : query(request, ClusterQueries::infos);
            case "numprocesses" -> name.isPresent() ? onWatcher(request, name.get(), ReplyMerge::fields)
                    : query(request, ClusterQueries.total("numprocesses"));
            case "numwatchers" -> query(request, ClusterQueries.total("numwatchers"));
            case "dstats" -> query(request, ClusterQueries.byNode("info"));
            case "globaloptions" -> query(request, ClusterQueries.byNode("options"));
            case "start", "stop", "reload" -> name.isPresent() ? onWatcher(request, name.get(), ReplyMerge::fields)
                    : onEveryNode(request);
            case "restart" -> name.isPresent() ? onWatcher(request, name.get(), ReplyMerge::fields)
                    : refuse("restart without a name would restart every node's arbiter and drop the watchers added to"
                            + " them; name a watcher (restart W, or NODE:W), or send it to one node's own endpoint");
            case "rm" -> name.isEmpty() ? done(Reply.missingProperty("name"))
                    : name.get().isEmpty() ? done(notFound(name.get()))
                    : changes.remove(name.get(), () -> onWatcher(request, name.get(), ReplyMerge::fields));
            case "incr", "decr", "set", "signal", "kill" -> name.isPresent()
                    ? onWatcher(request, name.get(), ReplyMerge::fields) : done(Reply.missingProperty("name"));
            case "options", "get" -> name.isPresent() ? onWatcher(request, name.get(), ReplyMerge::options)
                    : done(Reply.missingProperty("name"));
            case "add" -> changes.add(request);
            case "listen" -> done(Reply.error("invalid message. use a pub/sub socket", Errno.MESSAGE_ERROR));
            case "quit", "reloadconfig", "ipython", "listsockets" -> refuse("'" + request.commandKey()
                    + "' is not available on the cluster endpoint, since it acts on a daemon itself; send it to one"
                    + " node's own endpoint (GET /api/nodes lists them)");
            default -> done(Reply.unknownCommand(request.command()));
        };
    }

    private CompletionStage<Reply> onWatcher(Request request, String name, Function<List<Answer>, Reply> merge) {
        if (name.isEmpty()) {
            // circusd looks an empty name up like any other and finds no such program.
            return done(notFound(name));
        }
        QualifiedName watcher = QualifiedName.parse(name);
        if (nodes.namesNode(watcher)) {
            String node = watcher.node().orElseThrow();
            return nodes.one(node, request.with("name", watcher.watcher()))
                    .thenApply(outcome -> fromNode(outcome, request.commandKey(), name, watcher.watcher()));
        }
        return nodes.everyNode(request).thenApply(result -> {
            NodeAnswers answers = NodeAnswers.of(result, request.commandKey(), nodes.deadline(), true);
            if (answers.failed()) {
                return answers.error();
            }
            if (answers.ok().isEmpty()) {
                return notFound(name);
            }
            return answers.ok().size() == 1 ? answers.ok().get(0).reply() : merge.apply(answers.ok());
        });
    }

    /** One node's reply, with the names in it as the client wrote them ({@code NODE:W}). */
    private Reply fromNode(NodeOutcome outcome, String command, String asSent, String onNode) {
        if (outcome instanceof NodeOutcome.Failed failed) {
            return Reply.error(NodeAnswers.failure(outcome.node(), command, nodes.deadline(), failed.failure()),
                    Errno.COMMAND_ERROR);
        }
        Reply reply = outcome.answer().orElseThrow();
        if (WatcherActions.isUnknownWatcher(reply)) {
            return notFound(asSent);
        }
        ObjectNode json = reply.toJson();
        for (String field : List.of("name", "watcher_name")) {
            if (json.path(field).isTextual() && json.get(field).asText().equalsIgnoreCase(onNode)) {
                json.put(field, asSent);
            }
        }
        return Reply.of(json);
    }

    private CompletionStage<Reply> query(Request request, ClusterQueries.Query query) {
        return nodes.everyNode(request).thenApply(result -> {
            NodeAnswers answers = NodeAnswers.of(result, request.commandKey(), nodes.deadline(), false);
            if (answers.ok().isEmpty() && answers.failed()) {
                return answers.error();
            }
            Reply.Builder reply = Reply.ok();
            query.answer(answers.ok(), reply);
            if (answers.failed()) {
                ObjectNode unanswered = reply.build().toJson().objectNode();
                answers.failures().forEach(unanswered::put);
                reply.put("unanswered", unanswered);
            }
            return reply.build();
        });
    }

    private CompletionStage<Reply> onEveryNode(Request request) {
        return nodes.everyNode(request).thenApply((FanOutResult result) -> {
            NodeAnswers answers = NodeAnswers.of(result, request.commandKey(), nodes.deadline(), false);
            return answers.failed() ? answers.error() : Reply.ok().build();
        });
    }

    private static Reply notFound(String name) {
        return Reply.error("program " + name + " not found", Errno.MESSAGE_ERROR);
    }

    private static CompletionStage<Reply> refuse(String reason) {
        return done(Reply.error(reason, Errno.MESSAGE_ERROR));
    }

    private static CompletionStage<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
