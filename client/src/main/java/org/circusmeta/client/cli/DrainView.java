package org.circusmeta.client.cli;

import java.util.Set;
import org.circusmeta.api.DrainRequest;
import org.circusmeta.api.OperationView;
import org.circusmeta.client.ApiCall;

/**
 * {@code drain NODE}: starts the drain and prints each watcher's result the moment it is known
 * ({@link OperationProgress}), then the sum of it; with {@code --detach} it prints the operation's id
 * at once and leaves it running. Exit status 0 when every cluster watcher moved, 1 else.
 *
 * <p>Stateless.
 */
final class DrainView {
    private static final Set<String> FINAL = Set.of("moved", "not-moved", "pinned");

    private DrainView() {}

    static int drain(Session session) {
        String node = session.argument("NODE").orElseThrow();
        Integer parallel = session.option(CliOption.MAX_PARALLEL).map(k -> session.wholeNumber("--max-parallel", k, 1))
                .orElse(null);
        ApiCall<OperationView> call = ApiCall.drain(node, new DrainRequest(parallel,
                session.option(CliOption.DEADLINE).orElse(null)));
        if (session.flag(CliOption.DETACH)) {
            OperationView started = session.startDetached(call);
            if (!session.json()) {
                session.terminal().print("operation " + started.id() + ": drain of " + started.about() + " runs; GET"
                        + " /api/operations/" + started.id() + " shows it");
            }
            return Exits.OK;
        }
        return new OperationProgress(session, "WATCHER", FINAL, operation -> "drain of " + operation.about() + ", "
                + operation.steps().size() + " cluster watcher" + (operation.steps().size() == 1 ? "" : "s"))
                .run(call, "drain");
    }
}
