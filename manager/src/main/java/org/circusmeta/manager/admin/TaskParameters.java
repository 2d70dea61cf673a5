package org.circusmeta.manager.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading the query parameters of a task. */
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
}
