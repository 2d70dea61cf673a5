package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every targeted node's result of one command ({@code POST /api/command}, the watcher actions, a
 * watcher's removal), in the order the nodes were targeted: each reply as the node sent it, or
 * {@code {"status": "error", "reason": "timeout"}} (or {@code unreachable}, {@code detached},
 * {@code invalid}, {@code gone}) for a node that gave none. {@code pending} (202) says what is left of a
 * change the manager finishes later: a removal whose record it could not delete yet.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResults(Map<String, ObjectNode> results, String pending) {
    public CommandResults {
        results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    public CommandResults(Map<String, ObjectNode> results) {
        this(results, null);
    }

    /** True when every node's result has {@code "status": "ok"}. */
    public boolean allOk() {
        return results.values().stream().allMatch(reply -> "ok".equals(reply.path("status").asText()));
    }
}
