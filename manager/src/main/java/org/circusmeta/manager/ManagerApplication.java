package org.circusmeta.manager;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Environment;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import org.circusmeta.manager.admin.AttachTask;
import org.circusmeta.manager.admin.CircusCommandTask;
import org.circusmeta.manager.admin.DetachTask;
import org.circusmeta.manager.admin.NodeMetrics;
import org.circusmeta.manager.admin.NodesHealthCheck;
import org.circusmeta.manager.admin.ZooKeeperHealthCheck;
import org.circusmeta.manager.aggregation.EventsResource;
import org.circusmeta.manager.aggregation.StatsResource;
import org.circusmeta.manager.aggregation.StreamRelay;
import org.circusmeta.manager.api.CommandResource;
import org.circusmeta.manager.api.ErrorMappers;
import org.circusmeta.manager.api.NodesResource;
import org.circusmeta.manager.api.PythonFloats;
import org.circusmeta.manager.api.WatchersResource;
import org.circusmeta.manager.cluster.ClusterEndpoint;
import org.circusmeta.manager.command.FanOut;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.nodes.SocketLoops;
import org.circusmeta.manager.placement.LiveCandidates;
import org.circusmeta.manager.placement.Placer;
import org.circusmeta.manager.reconcile.ClusterWatchers;
import org.circusmeta.manager.reconcile.ReconcilerFactory;
import org.circusmeta.manager.registry.RegistryWatch;
import org.circusmeta.manager.registry.RenameRequests;
import org.circusmeta.manager.watchers.WatcherActions;
import org.circusmeta.manager.watchers.WatcherSurvey;
import org.circusmeta.manager.zookeeper.ZooKeeperConnection;

/**
 * circusmeta-manager: watches the registry, attaches to every node, fans commands out, and serves the
 * HTTP API and the admin port. {@code java -jar circusmeta-manager.jar server config.yml}.
 */
public class ManagerApplication extends Application<ManagerConfiguration> {

    public static void main(String[] args) throws Exception {
        new ManagerApplication().run(args);
    }

    @Override
    public String getName() {
        return "circusmeta-manager";
    }

    @Override
    public void run(ManagerConfiguration config, Environment environment) {
        strictJson(environment.getObjectMapper());
        environment.getObjectMapper().registerModule(new PythonFloats());

        // Managed in dependency order: ZooKeeper first, so that it stops last.
        ZooKeeperConnection zookeeper = config.getZookeeper().build(environment);
        SocketLoops loops = config.getCircus().buildLoops();
        environment.lifecycle().manage(loops);
        ExecutorService registryThread = environment.lifecycle().executorService("registry-view-%d")
                .minThreads(1).maxThreads(1).build();
        RegistryWatch registry = new RegistryWatch(zookeeper.client(), registryThread);
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
        WatcherSurvey survey = new WatcherSurvey(connections);
        WatcherActions actions = new WatcherActions(connections, fanOut);
        Placer placer = config.getPlacement().buildPlacer(new LiveCandidates(connections, relay.liveStats()::current));
        ClusterWatchers clusterWatchers = ReconcilerFactory.build(environment, config.getPlacement(), zookeeper.client(),
                registry, connections, fanOut, placer, relay.liveStats()::current);

        if (config.getServerFactory() instanceof AbstractServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }
        ErrorMappers.register(environment.jersey());
        environment.jersey().register(new NodesResource(connections, survey,
                new RenameRequests(zookeeper.client(), zookeeper.acls())));
        environment.jersey().register(new CommandResource(connections, fanOut, actions));
        environment.jersey().register(new WatchersResource(connections, registry, fanOut, survey, actions, clusterWatchers));
        environment.jersey().register(new StatsResource(relay.liveStats()));
        environment.jersey().register(new EventsResource(relay, environment.lifecycle().executorService("events-reader-%d")
                .minThreads(0).maxThreads(config.getCircus().getRelay().getEventsMaxReaders())
                .workQueue(new SynchronousQueue<>()).build()));
        environment.lifecycle().manage(new ClusterEndpoint(config.getCircus().getEndpoint(), connections, fanOut, clusterWatchers,
                config.getCircus().endpointDeadline(),
                environment.lifecycle().executorService("cluster-add-%d").minThreads(1).maxThreads(1).build()));
        config.getAuth().register(environment);

        Duration commandTimeout = connections.settings().commandTimeout();
        environment.healthChecks().register("zookeeper", new ZooKeeperHealthCheck(zookeeper));
        environment.healthChecks().register("nodes", new NodesHealthCheck(connections, commandTimeout));
        NodeMetrics.register(environment.metrics(), connections);
        environment.admin().addTask(new CircusCommandTask(connections, fanOut, actions));
        environment.admin().addTask(new AttachTask(connections));
        environment.admin().addTask(new DetachTask(connections));
    }

    /**
     * Request bodies take JSON types as they are (no "3" for 3, no 1.5 for an integer, no 3 for a string)
     * and no unknown fields, so that a typo is an error rather than a silently ignored option.
     */
    private static void strictJson(ObjectMapper mapper) {
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        for (LogicalType textual : new LogicalType[] {LogicalType.Textual}) {
            mapper.coercionConfigFor(textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
