package org.circusmeta.manager.tasks;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.circusmeta.manager.tasks.TaskStatusFilter.TaskOutput;

/**
 * A task that answers a bad request with a 4xx and a message saying what to pass ({@link TaskRefusal}),
 * through the output of the {@link TaskStatusFilter}; without the filter it is Dropwizard's 500 with the
 * same message. Thread-safe if {@link #run} is.
 */
abstract class RefusingTask extends Task {
    RefusingTask(String name) {
        super(name);
    }

    @Override
    public final void execute(Map<String, List<String>> parameters, PrintWriter output) {
        try {
            run(parameters, output);
        } catch (TaskRefusal refusal) {
            if (!(output instanceof TaskOutput answer)) {
                throw new IllegalArgumentException(refusal.getMessage(), refusal);
            }
            answer.refuse(refusal.status(), refusal.getMessage());
        }
    }

    /** @throws TaskRefusal for a request the task cannot run */
    abstract void run(Map<String, List<String>> parameters, PrintWriter output);
}
