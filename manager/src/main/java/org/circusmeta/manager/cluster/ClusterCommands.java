package org.circusmeta.manager.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.circusmeta.manager.cluster.NodeAnswers.Answer;
import org.circusmeta.manager.command.FanOutResult;
import org.circusmeta.manager.core.Actor;
import org.circusmeta.manager.core.AddResult;
import org.circusmeta.manager.core.AddWatcher;
import org.circusmeta.manager.core.Failure;
import org.circusmeta.manager.core.RawCommand;
import org.circusmeta.manager.core.RunResult;
import org.circusmeta.manager.core.UseCases;
import org.circusmeta.manager.core.WatcherCommand;
import org.circusmeta.manager.lifecycle.Causes;
import org.circusmeta.manager.watchers.WatcherDefinition;
import org.circusmeta.protocol.Errno;
import org.circusmeta.protocol.QualifiedName;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.server.ControlEndpoint;
import org.circusmeta.registration.zookeeper.RegistryException;

/**
 * The circus commands of the cluster endpoint: what one circusd would answer, for the whole pool
 * (docs/cluster-endpoint.md). Each command is translated into a use case of the manager's
 * {@link UseCases}, and its result into a circus reply: a watcher named {@code NODE:W} is W on that
 * node, and the reply is the node's with the name as sent; a bare name means every node that has it, and their replies are
 * folded into one ({@link ReplyMerge}). A command on a watcher fails with an error reply naming each
 * node that did not answer or refused; the queries that name no watcher answer with what the nodes
 * that replied said ({@link ClusterQueries}), and name the others under {@code unanswered}.
 *
 * <p>Thread-safe. Runs on the endpoint's loop thread and never blocks it: every use case returns at
 * once, and replies are built on the thread that completes it.
 */
public final class ClusterCommands implements ControlEndpoint.Handler {
    private final UseCases cases;

    ClusterCommands(UseCases cases) {
        this.cases = cases;
    }

    @Override
    public CompletionStage<Reply> handle(Request request) {
        return handle(request, "");
    }

    /**
     * The client is named by its address in the audit; circus's protocol carries no credentials, so it may do
     * everything (the endpoint binds loopback by default).
     */
    @Override
    public CompletionStage<Reply> handle(Request request, String peer) {
        Actor actor = Actor.of(Actor.Door.CLUSTER_ENDPOINT, peer.isEmpty() ? "a circus client" : peer);
        Optional<String> name = request.property("name").map(n -> n.asText());
        return switch (request.commandKey()) {
            case "list", "stats", "numprocesses" -> name.isPresent() ? onWatcher(actor, request, name.get(), ReplyMerge::fields)
                    : query(actor, request, ClusterQueries.of(request.commandKey()));
            case "status" -> name.isPresent() ? onWatcher(actor, request, name.get(), ReplyMerge::status)
                    : query(actor, request, ClusterQueries.of("status"));
            case "numwatchers", "dstats", "globaloptions" -> query(actor, request, ClusterQueries.of(request.commandKey()));
            case "start", "stop", "reload" -> name.isPresent() ? onWatcher(actor, request, name.get(), ReplyMerge::fields)
                    : onEveryNode(actor, request);
            case "restart" -> name.isPresent() ? onWatcher(actor, request, name.get(), ReplyMerge::fields)
                    : refuse("restart without a name would restart every node's arbiter and drop the watchers added to"
                            + " them; name a watcher (restart W, or NODE:W), or send it to one node's own endpoint");
            case "rm", "incr", "decr", "set", "signal", "kill" -> name.isPresent()
                    ? onWatcher(actor, request, name.get(), ReplyMerge::fields) : done(Reply.missingProperty("name"));
            case "options", "get" -> name.isPresent() ? onWatcher(actor, request, name.get(), ReplyMerge::options)
                    : done(Reply.missingProperty("name"));
            case "add" -> add(actor, request);
            case "listen" -> done(Reply.error("invalid message. use a pub/sub socket", Errno.MESSAGE_ERROR));
            case "quit", "reloadconfig", "ipython", "listsockets" -> refuse("'" + request.commandKey()
                    + "' is not available on the cluster endpoint, since it acts on a daemon itself; send it to one"
                    + " node's own endpoint (GET /api/nodes lists them)");
            default -> done(Reply.unknownCommand(request.command()));
        };
    }

    private CompletionStage<Reply> onWatcher(Actor actor, Request request, String name,
            Function<List<Answer>, Reply> merge) {
        if (name.isEmpty()) {
            // circusd looks an empty name up like any other and finds no such program.
            return done(Reply.unknownWatcher(name));
        }
        QualifiedName watcher = QualifiedName.parse(name);
        Optional<String> node = namedNode(watcher);
        WatcherCommand command = new WatcherCommand(node.isPresent() ? watcher.watcher() : name, node, request);
        return cases.changes().onWatcher(actor, command, cases.within()).thenApply(result -> {
            if (!(result instanceof RunResult.Ran ran)) {
                return reply((Failure) result, name);
            }
            if (ran.result().outcomes().isEmpty()) {
                return Reply.ok().build(); // a cluster watcher removed that ran nowhere
            }
            return node.isPresent() ? asSent(ran.result().outcomes().get(0).answer().orElseThrow(), name, watcher.watcher())
                    : folded(ran.result(), request.commandKey(), name, merge);
        }).exceptionally(ClusterCommands::unwritten);
    }

    private Reply folded(FanOutResult result, String command, String name, Function<List<Answer>, Reply> merge) {
        NodeAnswers answers = NodeAnswers.of(result, command, cases.within(), true);
        if (answers.failed()) {
            return answers.error();
        }
        if (answers.ok().isEmpty()) {
            return Reply.unknownWatcher(name);
        }
        return answers.ok().size() == 1 ? answers.ok().get(0).reply() : merge.apply(answers.ok());
    }

    /** One node's reply, with the names in it as the client wrote them ({@code NODE:W}). */
    private static Reply asSent(Reply reply, String asSent, String onNode) {
        ObjectNode json = reply.toJson();
        for (String field : List.of("name", "watcher_name")) {
            if (json.path(field).isTextual() && json.get(field).asText().equalsIgnoreCase(onNode)) {
                json.put(field, asSent);
            }
        }
        return Reply.of(json);
    }

    /**
     * {@code add NODE:W} adds W on that node; a bare name lets placement choose the node and makes W a
     * cluster watcher. The reply is the node's, plus {@code "node"}: where the watcher went.
     */
    private CompletionStage<Reply> add(Actor actor, Request request) {
        Optional<String> name = request.text("name");
        if (name.isEmpty()) {
            return done(Reply.missingProperty("name"));
        }
        if (name.get().isEmpty()) {
            return done(Reply.error("a watcher name cannot be empty; name it NAME, or NODE:NAME to choose its node",
                    Errno.MESSAGE_ERROR));
        }
        if (request.text("cmd").isEmpty()) {
            return done(Reply.missingProperty("cmd"));
        }
        QualifiedName watcher = QualifiedName.parse(name.get());
        Optional<String> node = namedNode(watcher);
        WatcherDefinition definition = WatcherDefinition.read(node.isPresent() ? watcher.watcher() : name.get(),
                request.properties(), Map.of());
        boolean waiting = request.flag("waiting");
        AddWatcher add = node.map(n -> AddWatcher.pinned(definition, n, waiting))
                .orElseGet(() -> AddWatcher.placed(definition, waiting));
        return cases.changes().add(actor, add, cases.within()).thenApply(result -> {
            if (!(result instanceof AddResult.Added added)) {
                return reply((Failure) result, name.get());
            }
            ObjectNode json = added.reply().toJson();
            json.put("node", added.node());
            return Reply.of(json).withId(added.reply().id());
        }).exceptionally(ClusterCommands::unwritten);
    }

    /** {@code NODE:W} names a node only when such a node is registered; otherwise it is a watcher name with a colon. */
    private Optional<String> namedNode(QualifiedName name) {
        return name.node().filter(cases.reads()::isRegistered);
    }

    private CompletionStage<Reply> query(Actor actor, Request request, ClusterQueries.Query query) {
        return everyNode(actor, request).thenApply(result -> {
            NodeAnswers answers = NodeAnswers.of(result, request.commandKey(), cases.within(), false);
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

    private CompletionStage<Reply> onEveryNode(Actor actor, Request request) {
        return everyNode(actor, request).thenApply(result -> {
            NodeAnswers answers = NodeAnswers.of(result, request.commandKey(), cases.within(), false);
            return answers.failed() ? answers.error() : Reply.ok().build();
        });
    }

    /** A raw command on every node: only commands circusd knows come here, so it always runs. */
    private CompletableFuture<FanOutResult> everyNode(Actor actor, Request request) {
        return cases.changes().run(actor, RawCommand.onEveryNode(request), cases.within())
                .thenApply(result -> result instanceof RunResult.Ran ran ? ran.result() : FanOutResult.NONE);
    }

    /** A use case's failure, as circusd would word a refusal; a node's own refusal is its reply. */
    private static Reply reply(Failure failure, String asSent) {
        if (failure instanceof Failure.Refused refused) {
            return refused.reply();
        }
        if (failure instanceof Failure.UnknownWatcher) {
            return Reply.unknownWatcher(asSent);
        }
        return Reply.error(failure.message(), failure instanceof Failure.Unanswered ? Errno.COMMAND_ERROR : Errno.MESSAGE_ERROR);
    }

    /** A change whose ZooKeeper write failed before anything was done. */
    private static Reply unwritten(Throwable error) {
        Throwable cause = Causes.of(error);
        if (cause instanceof RegistryException) {
            return Reply.error("ZooKeeper did not take the change (" + cause.getMessage() + "), so nothing was changed; try"
                    + " again once ZooKeeper answers", Errno.COMMAND_ERROR);
        }
        throw error instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    private static CompletionStage<Reply> refuse(String reason) {
        return done(Reply.error(reason, Errno.MESSAGE_ERROR));
    }

    private static CompletionStage<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
