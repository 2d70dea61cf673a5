package org.circusmeta.manager.tasks;

import io.dropwizard.servlets.tasks.Task;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.circusmeta.manager.core.Actor;
import org.circusmeta.manager.core.Failure;
import org.circusmeta.manager.lifecycle.Causes;

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
     * Waits for a use case's result: the success expected.
     *
     * @throws IllegalArgumentException with a failure's message: the task answers 500 with it
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
        throw new IllegalArgumentException(((Failure) done).message());
    }
}
