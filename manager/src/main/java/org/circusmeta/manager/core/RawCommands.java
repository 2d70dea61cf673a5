package org.circusmeta.manager.core;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.circusmeta.manager.command.CircusCommands;
import org.circusmeta.manager.core.RunResult.Ran;

/**
 * Runs one circus command, as it is, on the nodes named (each once) or on every node worth asking,
 * all at once within one deadline. Only the commands a circusd knows are sent.
 *
 * <p>Thread-safe. Returns at once; the futures complete on the socket loops.
 */
final class RawCommands {
    private final Parts parts;

    RawCommands(Parts parts) {
        this.parts = parts;
    }

    CompletableFuture<RunResult> run(RawCommand command, Duration within) {
        String name = command.request().command();
        if (!CircusCommands.isKnown(name)) {
            return CompletableFuture.completedFuture(new Failure.InvalidRequest("command: '" + name
                    + "' is not a circus command; use one of " + CircusCommands.knownList()));
        }
        List<String> nodes = command.nodes().<List<String>>map(named -> List.copyOf(new LinkedHashSet<>(named)))
                .orElseGet(parts.connections()::askable);
        for (String node : nodes) {
            if (!parts.connections().isRegistered(node)) {
                return CompletableFuture.completedFuture(new Failure.UnknownNode(node));
            }
        }
        return parts.fanOut().run(command.request(), nodes, within).thenApply(Ran::new);
    }
}
