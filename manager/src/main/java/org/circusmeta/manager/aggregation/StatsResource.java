package org.circusmeta.manager.aggregation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.circusmeta.protocol.CircusJson;

/**
 * {@code GET /api/stats}: the cluster's live usage from the stats streams, per node and per watcher on
 * it, per watcher name across the nodes, and the totals (the sum of the nodes' figures):
 * {@code {"nodes": {N: {cpu, mem, processes, sampled_at, watchers: {W: {cpu, mem, processes}}}},
 * "watchers": {W: {...}}, "totals": {...}}}. cpu is in percent of one core, summed over the
 * processes; mem in percent of the node's memory, summed.
 *
 * <p>Thread-safe.
 */
@Path("/api/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {
    private final LiveStats live;

    public StatsResource(LiveStats live) {
        this.live = live;
    }

    @GET
    public ObjectNode stats() {
        ClusterStats stats = live.current();
        ObjectNode json = CircusJson.object();
        ObjectNode nodes = json.putObject("nodes");
        for (NodeStats node : stats.nodes().values()) {
            ObjectNode one = figures(nodes.putObject(node.node()), node.total());
            one.put("sampled_at", node.sampledAt().toString());
            ObjectNode watchers = one.putObject("watchers");
            node.watchers().forEach((name, figures) -> figures(watchers.putObject(name), figures));
        }
        ObjectNode watchers = json.putObject("watchers");
        stats.watchers().forEach((name, figures) -> figures(watchers.putObject(name), figures));
        figures(json.putObject("totals"), stats.total());
        return json;
    }

    private static ObjectNode figures(ObjectNode json, Figures figures) {
        json.put("cpu", figures.cpu());
        json.put("mem", figures.mem());
        json.put("processes", figures.processes());
        return json;
    }
}
