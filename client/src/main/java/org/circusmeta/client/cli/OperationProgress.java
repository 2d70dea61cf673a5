package org.circusmeta.client.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.circusmeta.api.OperationEvent;
import org.circusmeta.api.OperationView;
import org.circusmeta.client.ApiCall;

/**
 * A long-running operation followed to its end: each step's result printed the moment it is final, in
 * a table whose width the first line of progress (which lists every step) sets; then the sum of it.
 * Exit status 0 when the operation is done, 1 else (the reason on stderr).
 *
 * <p>Confined to the CLI's main thread.
 */
final class OperationProgress {
    private final Session session;
    private final String subject;
    private final Set<String> finals;
    private final Function<OperationView, String> title;
    private final Set<String> printed = new HashSet<>();
    private int width;

    /**
     * @param subject the heading of the steps' column: {@code NODE}, {@code WATCHER}
     * @param finals the results after which a step changes no more
     * @param title the line printed first, from the operation as it began
     */
    OperationProgress(Session session, String subject, Set<String> finals, Function<OperationView, String> title) {
        this.session = session;
        this.subject = subject;
        this.finals = Set.copyOf(finals);
        this.title = title;
        this.width = subject.length();
    }

    int run(ApiCall<OperationView> call, String what) {
        OperationView end = session.follow(call, this::show);
        if (session.json()) {
            return "done".equals(end.state()) ? Exits.OK : Exits.FAILED;
        }
        show(end.steps());
        if ("done".equals(end.state())) {
            session.terminal().print(end.message() == null ? "done" : end.message());
            return Exits.OK;
        }
        session.terminal().error(what + " " + end.id() + " " + end.state() + ": "
                + (end.message() == null ? "no reason given" : end.message()));
        return Exits.FAILED;
    }

    private void show(OperationEvent event) {
        if (session.json()) {
            return;
        }
        if (event.operation() != null && printed.isEmpty() && width == subject.length()) {
            OperationView operation = event.operation();
            operation.steps().forEach(s -> width = Math.max(width, String.valueOf(s.subject()).length()));
            session.terminal().print("operation " + operation.id() + ": " + title.apply(operation));
            session.terminal().print(pad(subject) + "  RESULT");
            show(operation.steps());
        } else if (event.step() != null) {
            show(List.of(event.step()));
        }
    }

    /** Prints the steps that have a final result and were not printed yet. */
    private void show(List<OperationView.Step> steps) {
        for (OperationView.Step step : steps) {
            if (finals.contains(step.result()) && printed.add(step.subject())) {
                session.terminal().print(pad(step.subject()) + "  " + step.result()
                        + (step.reason() == null ? "" : ": " + step.reason()));
            }
        }
    }

    private String pad(String text) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
