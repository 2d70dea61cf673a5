package org.circusmeta.manager.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.circusmeta.manager.command.Deadline;
import org.circusmeta.manager.command.FanOutResult;
import org.circusmeta.manager.core.RunResult.Ran;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;

/**
 * Runs a command on a watcher wherever it is: on the node named, or on every node that has it, found
 * with a {@code list} to every node, each node getting the command as soon as its own {@code list}
 * shows the watcher (a node slow to list never eats the others' deadline, which would leave them all
 * reporting {@code timeout}, maybe after running the command), all within one deadline. A node that
 * did not answer the {@code list} is reported with its failure, since it may have the watcher.
 *
 * <p>Removals ({@code rm}) go through {@link WatcherRemovals}, which keeps the cluster watcher
 * records in step.
 *
 * <p>Thread-safe. Returns at once: the node calls run on the socket loops.
 */
final class WatcherCommands {
    private static final Request LIST = Request.of("list");

    private final Parts parts;

    WatcherCommands(Parts parts) {
        this.parts = parts;
    }

    CompletableFuture<RunResult> run(WatcherCommand command, Duration within) {
        Deadline deadline = Deadline.in(within);
        return command.node().isPresent() ? onNode(command, command.node().get(), deadline) : wherever(command, deadline);
    }

    private CompletableFuture<RunResult> onNode(WatcherCommand command, String node, Deadline deadline) {
        if (!parts.connections().isRegistered(node)) {
            return CompletableFuture.completedFuture(new Failure.UnknownNode(node));
        }
        return parts.fanOut().one(command.request(), node, deadline).thenApply(outcome -> {
            if (outcome instanceof NodeOutcome.Failed failed) {
                return new Failure.Unanswered(node, command.request().command(), failed.failure(), deadline.total());
            }
            if (outcome.answer().orElseThrow().isUnknownWatcher()) {
                return new Failure.UnknownWatcher(command.watcher(), "is on node " + node);
            }
            return new Ran(new FanOutResult(List.of(outcome)));
        });
    }

    private CompletableFuture<RunResult> wherever(WatcherCommand command, Deadline deadline) {
        List<CompletableFuture<Optional<NodeOutcome>>> perNode = new ArrayList<>();
        for (String candidate : parts.connections().askable()) {
            perNode.add(parts.fanOut().one(LIST, candidate, deadline).thenCompose(listed -> {
                if (listed instanceof NodeOutcome.Failed) {
                    return CompletableFuture.completedFuture(Optional.of(listed));
                }
                if (!hasWatcher(listed.answer().orElseThrow(), command.watcher())) {
                    return CompletableFuture.completedFuture(Optional.<NodeOutcome>empty());
                }
                return parts.fanOut().one(command.request(), candidate, deadline).thenApply(Optional::of);
            }));
        }
        return CompletableFuture.allOf(perNode.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<NodeOutcome> outcomes = new ArrayList<>();
            perNode.forEach(future -> future.join().ifPresent(outcomes::add));
            return outcomes.isEmpty() ? new Failure.UnknownWatcher(command.watcher(), "is on any node")
                    : new Ran(new FanOutResult(outcomes));
        });
    }

    /** Whether a node's {@code list} reply names the watcher (circus names ignore case). */
    static boolean hasWatcher(Reply list, String watcher) {
        String wanted = watcher.toLowerCase(Locale.ROOT);
        for (var name : list.get("watchers")) {
            if (name.asText().toLowerCase(Locale.ROOT).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

}
