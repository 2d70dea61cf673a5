package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The answer to {@code PATCH /api/watchers/{name}}: the count now, the copies placed (each that
 * started, with why there), the nodes whose copies were removed (the most loaded), every node with a
 * copy now, and the nodes where a new copy did not start (the manager places those again).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScaledWatcher(String name, JsonNode instances, List<AddedWatcher.Copy> added, List<String> removed,
        List<String> copies, List<String> notStarted) {}
