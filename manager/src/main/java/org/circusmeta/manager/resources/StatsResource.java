package org.circusmeta.manager.resources;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.function.Supplier;
import org.circusmeta.api.StatsView;
import org.circusmeta.manager.aggregation.ClusterStats;

/**
 * {@code GET /api/stats}: the cluster's live usage from the stats streams, per node and per watcher on
 * it, per watcher name across the nodes, and the totals (the sum of the nodes' figures). cpu is in
 * percent of one core, summed over the processes; mem in percent of the node's memory, summed.
 *
 * <p>Thread-safe.
 */
@Path("/api/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {
    private final Supplier<ClusterStats> live;

    public StatsResource(Supplier<ClusterStats> live) {
        this.live = live;
    }

    @GET
    public StatsView stats() {
        return Views.stats(live.get());
    }
}
