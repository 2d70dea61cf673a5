package org.circusmeta.client.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.circusmeta.api.OperationEvent;
import org.circusmeta.api.OperationView;
import org.circusmeta.api.RestartRequest;
import org.circusmeta.client.ApiCall;

/**
 * {@code restart NAME --rolling}: starts the rolling restart and prints each node's result the moment
 * it is known, in a table whose width the first line of progress (which lists every node) sets; then
 * the sum of it. Exit status 0 when every node restarted, 1 else (the reason on stderr).
 *
 * <p>Confined to the CLI's main thread.
 */
final class RollingRestartView {
    private static final Set<String> FINAL = Set.of("restarted", "failed", "not-started");

    private final Session session;
    private final Set<String> printed = new HashSet<>();
    private int width = "NODE".length();

    private RollingRestartView(Session session) {
        this.session = session;
    }

    /** {@code restart}: rolling with {@code --rolling}, else on every node at once. */
    static int restart(Session session) {
        if (session.flag(CliOption.ROLLING)) {
            return new RollingRestartView(session).run();
        }
        for (CliOption option : List.of(CliOption.BATCH, CliOption.HEALTHY_FOR, CliOption.TIMEOUT)) {
            if (session.option(option).isPresent()) {
                throw session.usage(option.optionName() + " is for a rolling restart: add --rolling");
            }
        }
        return WatcherCommands.act(session);
    }

    int run() {
        String name = session.argument("NAME").orElseThrow();
        Integer batch = session.option(CliOption.BATCH).map(k -> session.wholeNumber("--batch", k, 1)).orElse(null);
        RestartRequest request = RestartRequest.rolling(batch, session.option(CliOption.HEALTHY_FOR).orElse(null),
                session.option(CliOption.TIMEOUT).orElse(null), session.option(CliOption.NODE).orElse(null));
        OperationView end = session.follow(ApiCall.restart(name, request), this::show);
        if (session.json()) {
            return "done".equals(end.state()) ? Exits.OK : Exits.FAILED;
        }
        show(end.steps());
        if ("done".equals(end.state())) {
            session.terminal().print(end.message() == null ? "done" : end.message());
            return Exits.OK;
        }
        session.terminal().error("rolling restart " + end.id() + " " + end.state() + ": "
                + (end.message() == null ? "no reason given" : end.message()));
        return Exits.FAILED;
    }

    private void show(OperationEvent event) {
        if (session.json()) {
            return;
        }
        if (event.operation() != null && printed.isEmpty() && width == "NODE".length()) {
            OperationView operation = event.operation();
            operation.steps().forEach(s -> width = Math.max(width, String.valueOf(s.subject()).length()));
            session.terminal().print("operation " + operation.id() + ": rolling restart of " + operation.about() + " on "
                    + operation.steps().size() + " node" + (operation.steps().size() == 1 ? "" : "s"));
            session.terminal().print(pad("NODE") + "  RESULT");
            show(operation.steps());
        } else if (event.step() != null) {
            show(List.of(event.step()));
        }
    }

    /** Prints the steps that have a final result and were not printed yet. */
    private void show(List<OperationView.Step> steps) {
        for (OperationView.Step step : steps) {
            if (FINAL.contains(step.result()) && printed.add(step.subject())) {
                session.terminal().print(pad(step.subject()) + "  " + step.result()
                        + (step.reason() == null ? "" : ": " + step.reason()));
            }
        }
    }

    private String pad(String text) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
