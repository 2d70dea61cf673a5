package org.circusmeta.manager.reconcile;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.Environment;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.manager.aggregation.ClusterStats;
import org.circusmeta.manager.command.FanOut;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.placement.Placer;
import org.circusmeta.manager.placement.PlacementFactory;
import org.circusmeta.manager.registry.RegistryWatch;
import org.circusmeta.manager.tasks.RebalanceTask;

/**
 * Wires the cluster watchers into the application, in order: the records, what each replica tracks
 * (departures, placements seen), the leader election, the reconciler and its {@code rebalance}
 * task, and the gauges (docs/placement.md says what each does).
 */
public final class ReconcilerFactory {
    private ReconcilerFactory() {}

    /** @return what adding and removing cluster watchers works with */
    public static ClusterWatchers build(Environment environment, PlacementFactory config, CuratorFramework client,
            RegistryWatch registry, NodeConnections connections, FanOut fanOut, Placer placer, Supplier<ClusterStats> stats) {
        ClusterRecords records = new ClusterRecords(client, environment.lifecycle()
                .executorService("cluster-records-%d").minThreads(1).maxThreads(1).build());
        Replica replica = new Replica();
        PlacementMetrics metrics = new PlacementMetrics(environment.metrics());
        records.addListener(new PlacementsSeen(placer));
        environment.lifecycle().manage(records);
        Departures departures = new Departures();
        registry.addListener(departures);

        Leadership leadership = new Leadership(client, replica);
        environment.lifecycle().addServerLifecycleListener(leadership);
        environment.lifecycle().manage(leadership);
        Reconciler reconciler = new Reconciler(new Reconciler.Parts(registry, records, departures, leadership, connections,
                fanOut, new LoadBalance(records, placer, stats, config.getWeights().build()), replica, metrics,
                config.getRescheduleAfter().toJavaDuration(), config.getReconcileInterval().toJavaDuration()),
                environment.lifecycle().scheduledExecutorService("reconciler-%d").threads(1).build());
        environment.lifecycle().manage(reconciler);
        environment.admin().addTask(new RebalanceTask(reconciler, leadership));

        environment.metrics().register(MetricRegistry.name(PlacementMetrics.PREFIX, "leader"),
                (Gauge<Integer>) () -> leadership.isLeader() ? 1 : 0);
        environment.metrics().register(MetricRegistry.name(PlacementMetrics.PREFIX, "cluster-watchers"),
                (Gauge<Integer>) () -> records.current().size());
        return new ClusterWatchers(records, replica, metrics);
    }
}
