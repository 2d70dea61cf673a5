package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.SortedMap;

/**
 * {@code GET /api/stats}: the cluster's live usage from the nodes' stats streams, per node (and per
 * watcher on it), per watcher name summed over the nodes, and the totals.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StatsView(SortedMap<String, NodeStats> nodes, SortedMap<String, Figures> watchers, Figures totals) {

    /** cpu in percent of one core, summed over the processes; mem in percent of the node's memory, summed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Figures(double cpu, double mem, int processes) {}

    /** One node's figures, when the newest of them arrived, and each watcher's. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NodeStats(double cpu, double mem, int processes, Instant sampledAt, SortedMap<String, Figures> watchers) {}
}
