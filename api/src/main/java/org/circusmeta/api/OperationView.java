package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * A long-running operation (a rolling restart), as {@code GET /api/operations/{id}} shows it and as the
 * call that started it answers once it is over: its kind, what it is about, {@code running}, {@code done}
 * or {@code failed}, and its steps in order, one per node (or per watcher), each with its result so far and
 * why ({@code reason}, when there is one). {@code message} sums it up once it is over.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OperationView(
        String id,
        String kind,
        String about,
        String state,
        Instant startedAt,
        Instant endedAt,
        List<Step> steps,
        @JsonInclude(JsonInclude.Include.NON_NULL) String message) {

    /** One step: the node (or the watcher) it acts on, its result, why, and since when it has that result. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Step(String node, String watcher, String result, String reason, Instant at) {
        /** The node or the watcher, whichever the step is about. */
        public String subject() {
            return node != null ? node : watcher;
        }
    }

    @JsonIgnore
    public boolean isRunning() {
        return "running".equals(state);
    }
}
