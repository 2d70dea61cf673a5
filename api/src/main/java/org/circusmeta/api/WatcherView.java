package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.SortedMap;

/**
 * One watcher name across the cluster, as {@code GET /api/watchers} lists it: each node that has it
 * with its status there, and whether it is a cluster watcher (recorded by the manager, which places
 * it again when its node is lost).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WatcherView(String name, SortedMap<String, OnNode> nodes, boolean cluster) {

    /** The watcher on one node: its status and process count (null when the node did not say). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OnNode(String status, Integer numprocesses) {}
}
