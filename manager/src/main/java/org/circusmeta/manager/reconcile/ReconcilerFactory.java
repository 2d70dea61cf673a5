package org.circusmeta.manager.reconcile;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.Environment;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.manager.aggregation.ClusterStats;
import org.circusmeta.manager.command.FanOut;
import org.circusmeta.manager.logs.OutputFiles;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.placement.Placer;
import org.circusmeta.manager.placement.PlacementFactory;
import org.circusmeta.manager.registry.RegistryWatch;
import org.circusmeta.manager.health.PlacementHealthCheck;
import org.circusmeta.manager.tasks.RebalanceTask;
import org.circusmeta.manager.tasks.ResumeReschedulingTask;

/**
 * Wires the cluster watchers into the application, in order: the records, what each replica tracks
 * (departures, the lost-fraction valve, placements seen), the copies, the leader election, the
 * reconciler with its {@code rebalance} and {@code resume-rescheduling} tasks and the {@code placement}
 * health check, and the gauges (docs/placement.md says what each does).
 */
public final class ReconcilerFactory {
    private ReconcilerFactory() {}

    /**
     * @param writes the threads that write to ZooKeeper for the use cases (a copy's start settles its record there)
     * @param outputs where a real circusd writes the output of the watchers added to it
     * @return what adding, scaling and removing cluster watchers works with
     */
    public static ClusterWatchers build(Environment environment, PlacementFactory config, CuratorFramework client,
            RegistryWatch registry, NodeConnections connections, FanOut fanOut, Placer placer, Supplier<ClusterStats> stats,
            Executor writes, OutputFiles outputs) {
        ClusterRecords records = new ClusterRecords(client, environment.lifecycle()
                .executorService("cluster-records-%d").minThreads(1).maxThreads(1).build());
        Replica replica = new Replica();
        PlacementMetrics metrics = new PlacementMetrics(environment.metrics());
        records.addListener(new PlacementsSeen(placer));
        environment.lifecycle().manage(records);
        Departures departures = new Departures();
        registry.addListener(departures);
        ReschedulingValve valve = new ReschedulingValve(config.getMaxLostFraction(), config.getRescheduleAfter().toJavaDuration());
        registry.addListener(valve);
        Copies copies = new Copies(records, placer, fanOut, replica, metrics, config.getWeights().build(),
                new CopyStarts(records, placer, fanOut, metrics, writes, outputs));

        Leadership leadership = new Leadership(client, replica);
        environment.lifecycle().addServerLifecycleListener(leadership);
        environment.lifecycle().manage(leadership);
        Reconciler reconciler = new Reconciler(new Reconciler.Parts(registry, records, departures, valve, leadership,
                connections, fanOut, copies, new LoadBalance(records, placer, stats, config.getWeights().build()),
                config.getRescheduleAfter().toJavaDuration(), config.getReconcileInterval().toJavaDuration()),
                environment.lifecycle().scheduledExecutorService("reconciler-%d").threads(1).build());
        environment.lifecycle().manage(reconciler);
        environment.admin().addTask(new RebalanceTask(reconciler, leadership));
        environment.admin().addTask(new ResumeReschedulingTask(valve, leadership));
        environment.healthChecks().register("placement", new PlacementHealthCheck(valve, leadership));

        environment.metrics().register(MetricRegistry.name(PlacementMetrics.PREFIX, "leader"),
                (Gauge<Integer>) () -> leadership.isLeader() ? 1 : 0);
        environment.metrics().register(MetricRegistry.name(PlacementMetrics.PREFIX, "cluster-watchers"),
                (Gauge<Integer>) () -> records.current().size());
        return new ClusterWatchers(records, replica, metrics, copies);
    }
}
