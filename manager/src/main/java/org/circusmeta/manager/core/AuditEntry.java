package org.circusmeta.manager.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One change as the audit writes it down (README, "Audit"): when it was asked, who asked (a token's name,
 * a peer's address) through which door with which role, what was asked, the nodes it targeted, and what
 * came of it: {@code ok}, {@code partial} (some nodes failed: {@code results} says which), {@code failed}
 * (with {@code message}), {@code refused} (the role did not cover it), {@code started} (an operation that
 * goes on), or {@code error}.
 *
 * @param results each node's outcome, {@code ok} or why not, for a command sent to nodes; else empty
 */
@JsonPropertyOrder({"time", "actor", "door", "role", "action", "nodes", "result", "message", "results"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AuditEntry(@JsonIgnore Instant at, String actor, String door, String role, String action, List<String> nodes,
        String result, String message, Map<String, String> results) {

    public AuditEntry {
        nodes = List.copyOf(nodes);
        results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    @JsonProperty("time")
    public String time() {
        return at.toString();
    }
}
