package org.circusmeta.manager.tasks;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.circusmeta.manager.core.Actor;
import org.circusmeta.manager.core.Failure;
import org.circusmeta.manager.lifecycle.Causes;
import org.circusmeta.manager.resources.ErrorResponses;

/** Reading the query parameters of a task, and answering with a use case's result. Stateless. */
final class TaskParameters {
    private TaskParameters() {}

    static Optional<String> optional(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        return values.isEmpty() || values.get(0).isBlank() ? Optional.empty() : Optional.of(values.get(0).strip());
    }

    /**
     * @param what what the parameter is, with an example value, e.g. {@code "a node's name, e.g. web-01"}
     * @throws TaskRefusal 400 naming the parameter and what to pass, when it is missing or blank
     */
    static String require(Task task, Map<String, List<String>> parameters, String name, String what) {
        return optional(parameters, name).orElseThrow(() -> new TaskRefusal(400, "POST /tasks/" + task.getName()
                + " needs the query parameter '" + name + "': " + what + " (?" + name + "=...)"));
    }

    /**
     * An operator on the admin port, by their address (and token), which the {@link TaskStatusFilter} gave the
     * output; by the task's name without it. The port's filter let them in, so they may do everything.
     */
    static Actor actor(Task task, PrintWriter output) {
        return Actor.of(Actor.Door.ADMIN_TASK, output instanceof TaskStatusFilter.TaskOutput answer ? answer.caller()
                : "task " + task.getName());
    }

    /**
     * Waits for a use case's result: the success expected.
     *
     * @throws TaskRefusal with a failure's status and message, as the HTTP API answers it (404 for an unknown node)
     * @throws IllegalArgumentException when the use case itself failed: the task answers 500 with its message
     */
    static <S> S success(CompletableFuture<?> result, Class<S> expected) {
        Object done;
        try {
            done = result.join();
        } catch (CompletionException e) {
            throw new IllegalArgumentException(Causes.of(e).getMessage(), Causes.of(e));
        }
        if (expected.isInstance(done)) {
            return expected.cast(done);
        }
        Failure failure = (Failure) done;
        throw new TaskRefusal(ErrorResponses.status(failure), failure.message());
    }
}
