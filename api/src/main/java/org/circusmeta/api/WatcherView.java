package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * One watcher name across the cluster, as {@code GET /api/watchers} lists it: each node that has it
 * with its status there, and whether it is a cluster watcher (recorded by the manager, which keeps its
 * copies running). A cluster watcher also shows its record: {@code instances} (a count or
 * {@code "all"}), {@code spread}, {@code pinned}, each copy's node with its status there, the copies
 * that failed to start lately with when the next try is ({@code retry_at}), and {@code pending} when
 * its removal is recorded but not finished. Fields that do not apply are left out.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WatcherView(String name, SortedMap<String, OnNode> nodes, boolean cluster, JsonNode instances, String spread,
        Boolean pinned, List<Copy> copies, List<Failure> failures, Instant retryAt, String pending) {

    public WatcherView(String name, SortedMap<String, OnNode> nodes, boolean cluster) {
        this(name, nodes, cluster, null, null, null, null, null, null, null);
    }

    /** The watcher on one node: its status and process count (null when the node did not say). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OnNode(String status, Integer numprocesses) {}

    /**
     * One copy of a cluster watcher: its node, and its status there ({@code active}, {@code stopped}...;
     * {@code missing} when the node runs none, {@code gone} when the node is not registered, or why the
     * node did not say: {@code timeout}, {@code unreachable}...).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Copy(String node, String status) {}

    /** A copy that did not start: on which node, when, and why. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Failure(String node, Instant at, String reason) {}
}
