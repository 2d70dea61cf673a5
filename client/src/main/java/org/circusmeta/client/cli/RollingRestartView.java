package org.circusmeta.client.cli;

import java.util.List;
import java.util.Set;
import org.circusmeta.api.RestartRequest;
import org.circusmeta.client.ApiCall;

/**
 * {@code restart NAME --rolling}: starts the rolling restart and prints each node's result the moment
 * it is known ({@link OperationProgress}), then the sum of it. Exit status 0 when every node restarted,
 * 1 else (the reason on stderr).
 *
 * <p>Stateless.
 */
final class RollingRestartView {
    private static final Set<String> FINAL = Set.of("restarted", "failed", "not-started");

    private RollingRestartView() {}

    /** {@code restart}: rolling with {@code --rolling}, else on every node at once. */
    static int restart(Session session) {
        if (session.flag(CliOption.ROLLING)) {
            return rolling(session);
        }
        for (CliOption option : List.of(CliOption.BATCH, CliOption.HEALTHY_FOR, CliOption.TIMEOUT)) {
            if (session.option(option).isPresent()) {
                throw session.usage(option.optionName() + " is for a rolling restart: add --rolling");
            }
        }
        return WatcherCommands.act(session);
    }

    private static int rolling(Session session) {
        String name = session.argument("NAME").orElseThrow();
        Integer batch = session.option(CliOption.BATCH).map(k -> session.wholeNumber("--batch", k, 1)).orElse(null);
        RestartRequest request = RestartRequest.rolling(batch, session.option(CliOption.HEALTHY_FOR).orElse(null),
                session.option(CliOption.TIMEOUT).orElse(null), session.option(CliOption.NODE).orElse(null));
        return new OperationProgress(session, "NODE", FINAL, operation -> "rolling restart of " + operation.about() + " on "
                + operation.steps().size() + " node" + (operation.steps().size() == 1 ? "" : "s"))
                .run(ApiCall.restart(name, request), "rolling restart");
    }
}
