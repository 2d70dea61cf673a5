package org.circusmeta.manager;

import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import org.circusmeta.manager.aggregation.StreamRelay;
import org.circusmeta.manager.cluster.ClusterEndpoint;
import org.circusmeta.manager.command.FanOut;
import org.circusmeta.manager.core.AuditLog;
import org.circusmeta.manager.core.AuditTrail;
import org.circusmeta.manager.core.Changes;
import org.circusmeta.manager.core.ClusterChanges;
import org.circusmeta.manager.core.ClusterReads;
import org.circusmeta.manager.core.Operations;
import org.circusmeta.manager.core.Parts;
import org.circusmeta.manager.core.RoleCheck;
import org.circusmeta.manager.core.UseCases;
import org.circusmeta.manager.dashboard.DashboardBundle;
import org.circusmeta.manager.dashboard.LiveResource;
import org.circusmeta.manager.health.NodesHealthCheck;
import org.circusmeta.manager.health.SocketLoopsHealthCheck;
import org.circusmeta.manager.health.ZooKeeperHealthCheck;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.nodes.NodeMetrics;
import org.circusmeta.manager.nodes.SocketLoops;
import org.circusmeta.manager.placement.LiveCandidates;
import org.circusmeta.manager.placement.Placer;
import org.circusmeta.manager.prometheus.PrometheusMetrics;
import org.circusmeta.manager.reconcile.ClusterWatchers;
import org.circusmeta.manager.reconcile.ReconcilerFactory;
import org.circusmeta.manager.registry.Cordons;
import org.circusmeta.manager.registry.RegistryWatch;
import org.circusmeta.manager.registry.RenameRequests;
import org.circusmeta.manager.resources.ApiMapper;
import org.circusmeta.manager.resources.ApplyResource;
import org.circusmeta.manager.resources.AuditResource;
import org.circusmeta.manager.resources.CommandResource;
import org.circusmeta.manager.resources.ErrorResponses;
import org.circusmeta.manager.resources.EventsResource;
import org.circusmeta.manager.resources.NodesResource;
import org.circusmeta.manager.resources.OperationReplies;
import org.circusmeta.manager.resources.OperationsResource;
import org.circusmeta.manager.resources.SessionResource;
import org.circusmeta.manager.resources.StatsResource;
import org.circusmeta.manager.resources.WatchersResource;
import org.circusmeta.manager.tasks.CircusCommandTask;
import org.circusmeta.manager.tasks.NodeConnectionTask;
import org.circusmeta.manager.tasks.TaskStatusFilter;
import org.circusmeta.manager.zookeeper.ZooKeeperConnection;
import org.circusmeta.protocol.loop.SocketLoop;
import org.glassfish.jersey.server.filter.HttpMethodOverrideFilter;

/**
 * circusmeta-manager: watches the registry, attaches to every node, fans commands out, and serves the
 * HTTP API and the admin port. {@code java -jar circusmeta-manager.jar server config.yml}.
 */
public class ManagerApplication extends Application<ManagerConfiguration> {
    /** Audit entries kept in memory for {@code GET /api/audit}; the audit's file keeps them all. */
    private static final int AUDIT_KEEP = 1_000;

    public static void main(String[] args) throws Exception {
        new ManagerApplication().run(args);
    }

    @Override
    public String getName() {
        return "circusmeta-manager";
    }

    @Override
    public void initialize(Bootstrap<ManagerConfiguration> bootstrap) {
        bootstrap.addBundle(new DashboardBundle());
        bootstrap.setConfigurationFactoryFactory(ConfigOverrides.FACTORY);
    }

    @Override
    public void run(ManagerConfiguration config, Environment environment) {
        ApiMapper.configure(environment.getObjectMapper());

        // Managed in dependency order: ZooKeeper first, so that it stops last.
        ZooKeeperConnection zookeeper = config.getZookeeper().build(environment);
        SocketLoops loops = config.getCircus().buildLoops();
        environment.lifecycle().manage(loops);
        ExecutorService registryThread = environment.lifecycle().executorService("registry-view-%d")
                .minThreads(1).maxThreads(1).build();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        RegistryWatch registry = new RegistryWatch(zookeeper.client(), registryThread,
                config.getNodes().stream().map(node -> node.record(startedAt)).toList());
        environment.lifecycle().manage(registry);
        // Started before the connections, which tell it of every node they open.
        StreamRelay relay = new StreamRelay(config.getCircus().relaySettings(), environment.metrics());
        environment.lifecycle().manage(relay);
        NodeConnections connections = config.getCircus().buildConnections(registry, loops, environment.metrics());
        environment.lifecycle().manage(connections);
        connections.addListener(relay);
        registry.addListener(relay);
        connections.useLiveLoad(relay.liveStats());

        FanOut fanOut = new FanOut(connections, environment.metrics());
        Placer placer = config.getPlacement().buildPlacer(new LiveCandidates(connections, relay.liveStats()::current));
        ExecutorService registryWrites = environment.lifecycle().executorService("registry-writes-%d")
                .minThreads(4).maxThreads(4).build();
        ClusterWatchers clusterWatchers = ReconcilerFactory.build(environment, config.getPlacement(), zookeeper.client(),
                registry, connections, fanOut, placer, relay.liveStats()::current, registryWrites,
                config.getCircus().getLogs().outputFiles(registry::current));

        // The use cases, the one way through the manager for every door below.
        Cordons cordons = new Cordons(zookeeper.client(), registryWrites);
        registry.addListener(cordons);
        Parts parts = new Parts(registry, connections, fanOut, placer, clusterWatchers,
                new RenameRequests(zookeeper.client(), zookeeper.acls()), cordons, registryWrites, new Operations(),
                environment.lifecycle().scheduledExecutorService("fleet-operations-%d").threads(1).build(),
                environment.lifecycle().executorService("fleet-moves-%d").minThreads(8).maxThreads(8).build());
        Duration commandTimeout = connections.settings().commandTimeout();
        // Every door's changes: the role checked, then done, each written down in the audit.
        AuditLog audit = new AuditLog(AUDIT_KEEP);
        Changes changes = new AuditTrail(new RoleCheck(new ClusterChanges(parts)), audit, Clock.systemUTC());
        UseCases cases = new UseCases(changes, new ClusterReads(parts), commandTimeout);

        if (config.getServerFactory() instanceof AbstractServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }
        ErrorResponses.providers().forEach(environment.jersey()::register);
        // A client whose HTTP stack sends no PATCH (the JDK's HttpURLConnection) sends a POST saying so.
        environment.jersey().register(new HttpMethodOverrideFilter(HttpMethodOverrideFilter.Source.HEADER));
        OperationReplies replies = new OperationReplies(environment.getObjectMapper(),
                environment.lifecycle().executorService("operation-streams-%d").minThreads(0).maxThreads(64)
                        .workQueue(new SynchronousQueue<>()).build());
        environment.jersey().register(new NodesResource(cases, replies));
        environment.jersey().register(new CommandResource(cases));
        environment.jersey().register(new WatchersResource(cases, replies));
        environment.jersey().register(new ApplyResource(cases, replies, environment.getValidator()));
        environment.jersey().register(new OperationsResource(cases));
        environment.jersey().register(new AuditResource(audit));
        environment.jersey().register(new SessionResource());
        environment.jersey().register(new StatsResource(relay.liveStats()::current));
        config.getCircus().getLogs().register(environment, registry::current, connections, loops.loopFor("logs"),
                connections.settings().commandTimeout());
        EventsResource events = new EventsResource(relay.events(), environment.lifecycle()
                .executorService("events-reader-%d").minThreads(0).maxThreads(config.getCircus().getRelay().getEventsMaxReaders())
                .workQueue(new SynchronousQueue<>()).build());
        environment.jersey().register(events);
        environment.lifecycle().addEventListener(events.endingStreamsOnStop());
        LiveResource.register(environment, cases.reads(), connections, registry);
        ClusterEndpoint clusterEndpoint = new ClusterEndpoint(config.getCircus().getEndpoint(),
                cases.waiting(config.getCircus().endpointDeadline()), config.getCircus().getMaxMessageSize().toBytes());
        environment.lifecycle().manage(clusterEndpoint);
        config.getHttp().register(environment);
        config.getAuth().register(environment);

        environment.healthChecks().register("zookeeper", new ZooKeeperHealthCheck(zookeeper));
        environment.healthChecks().register("nodes", new NodesHealthCheck(connections));
        environment.healthChecks().register("socket-loops", new SocketLoopsHealthCheck(() -> {
            List<SocketLoop> all = new ArrayList<>(loops.all());
            all.add(relay.loop());
            all.add(clusterEndpoint.loop());
            return all;
        }));
        NodeMetrics.register(environment.metrics(), connections);
        PrometheusMetrics.register(environment, connections, relay.liveStats()::current, clusterWatchers.records());
        environment.admin().addFilter("task-status", new TaskStatusFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, TaskStatusFilter.TASKS);
        environment.admin().addTask(new CircusCommandTask(cases));
        environment.admin().addTask(NodeConnectionTask.attach(cases));
        environment.admin().addTask(NodeConnectionTask.detach(cases));
    }
}
