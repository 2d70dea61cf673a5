package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * A node as {@code GET /api/nodes} and {@code GET /api/nodes/{node}} show it: its registry record's
 * fields (null for an {@code invalid} node, whose record could not be read), its state, whether it
 * takes new placements ({@code eligible}: false once cordoned), why it is invalid or unreachable
 * ({@code reason}, present only then), its load and when it last answered.
 *
 * <p>{@code watchers} is present only for one node that could be asked (not invalid, not detached):
 * its watchers.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeView(
        String name,
        String state,
        boolean eligible,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
        String endpoint,
        String pubsubEndpoint,
        String statsEndpoint,
        String host,
        SortedMap<String, String> labels,
        Double capacity,
        String kind,
        String version,
        Instant registeredAt,
        Load load,
        Instant lastSeen,
        Instant unreachableSince,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<NodeWatcher> watchers) {

    /**
     * What a node carries: watchers and processes from its liveness probe (null until known), cpu
     * (percent of one core) and mem (percent of the node's memory) from its stats stream.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Load(Integer watchers, Integer processes, double cpu, double mem) {}

    /** One watcher of one node: its status and process count (null when the node did not say). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NodeWatcher(String name, String status, Integer numprocesses) {}

    /** The same node with its watchers. */
    public NodeView withWatchers(List<NodeWatcher> list) {
        return new NodeView(name, state, eligible, reason, endpoint, pubsubEndpoint, statsEndpoint, host, labels, capacity, kind,
                version, registeredAt, load, lastSeen, unreachableSince, List.copyOf(list));
    }
}
