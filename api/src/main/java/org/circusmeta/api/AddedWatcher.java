package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The answer (201) to {@code POST /api/watchers}: where the watcher went and why that node; for a
 * watcher of several copies, {@code node} is its first copy's, {@code copies} lists each copy that
 * started, and {@code not_started} the nodes where one did not (the manager places those again).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AddedWatcher(String name, String node, String reason, List<Copy> copies, List<String> notStarted) {

    public AddedWatcher(String name, String node, String reason) {
        this(name, node, reason, null, null);
    }

    /** A copy placed: its node, and why there. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Copy(String node, String reason) {}
}
