package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST /api/watchers/{name}/restart}, which may have none. With {@code rolling}
 * true, the watcher restarts {@code batch} nodes at a time (default 1), each batch healthy for
 * {@code healthy_for} (also read as {@code healthyFor}; default {@code 5s}) within {@code timeout} (default {@code 60s}) before the next:
 * durations as {@code 500ms}, {@code 5s}, {@code 2m}. On {@code node} only when given.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestartRequest(
        Boolean rolling,
        @Min(value = 1, message = "must be at least 1") Integer batch,
        @JsonAlias("healthyFor") String healthyFor,
        String timeout,
        @Pattern(regexp = Names.NODE, message = Names.NODE_MESSAGE) String node) {

    public static RestartRequest rolling(Integer batch, String healthyFor, String timeout, String node) {
        return new RestartRequest(true, batch, healthyFor, timeout, node);
    }
}
