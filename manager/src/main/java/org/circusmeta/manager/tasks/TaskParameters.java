package org.circusmeta.manager.tasks;

import io.dropwizard.servlets.tasks.Task;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.manager.core.Actor;
import org.circusmeta.manager.core.Failure;

/** Reading the query parameters of a task, and answering with a use case's result. Stateless. */
final class TaskParameters {
    private TaskParameters() {}

    static Optional<String> optional(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        return values.isEmpty() || values.get(0).isBlank() ? Optional.empty() : Optional.of(values.get(0).strip());
    }

    /** @throws IllegalArgumentException naming the parameter */
    static String require(Map<String, List<String>> parameters, String name) {
        return optional(parameters, name).orElseThrow(() -> new IllegalArgumentException(
                "the task needs the query parameter " + name + ", e.g. ?" + name + "=..."));
    }

    /** An operator on the admin port, by the task run. */
    static Actor actor(Task task) {
        return Actor.of(Actor.Door.ADMIN_TASK, "task " + task.getName());
    }

    /**
     * The result when it is the success expected.
     *
     * @throws IllegalArgumentException with the failure's message: the task answers 500 with it
     */
    static <S> S success(Object result, Class<S> expected) {
        if (expected.isInstance(result)) {
            return expected.cast(result);
        }
        throw new IllegalArgumentException(((Failure) result).message());
    }
}
