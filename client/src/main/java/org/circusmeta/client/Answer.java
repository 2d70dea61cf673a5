package org.circusmeta.client;

import java.util.List;

/**
 * A successful answer of the manager's API: the status, the body exactly as it came (what the CLI's
 * {@code --json} prints), the body read as the call's record, and the texts of its {@code Warning}
 * headers (what a partial answer, such as a tail some nodes could not give, says it lacks).
 *
 * @param <T> what the call answers with
 */
public record Answer<T>(int status, String body, T value, List<String> warnings) {
    public Answer {
        warnings = List.copyOf(warnings);
    }

    public Answer(int status, String body, T value) {
        this(status, body, value, List.of());
    }
}
