package org.circusmeta.node;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.circusmeta.node.arbiter.Arbiter;
import org.circusmeta.node.commands.CommandContext;
import org.circusmeta.node.commands.CommandTable;
import org.circusmeta.node.commands.GlobalOptions;
import org.circusmeta.node.config.NodeConfig;
import org.circusmeta.node.events.EventPublisher;
import org.circusmeta.node.output.OutputCapture;
import org.circusmeta.node.stats.StatsStream;
import org.circusmeta.node.stats.StatsView;
import org.circusmeta.node.watcher.ProcessStopper;
import org.circusmeta.node.watcher.Watcher;
import org.circusmeta.node.watcher.WatcherRuntime;
import org.circusmeta.protocol.logs.LogsEndpoint;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.protocol.server.ControlEndpoint;
import org.circusmeta.protocol.stream.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a started node has on its loop: the pubsub and stats publishers, the logs endpoint serving what
 * its processes print, the control endpoint answering the commands, the stats stream, and the arbiter
 * with its watchers. Bound together, closed together.
 *
 * <p>Confined to the node's loop thread.
 */
final class BoundNode {
    private static final Logger LOG = LoggerFactory.getLogger(BoundNode.class);
    private static final int HIGH_WATER_MARK = 10_000;

    private final NodeConfig config;
    private final NodeHost host;
    private Publisher events;
    private Publisher stats;
    private LogsEndpoint logs;
    private StatsStream statsStream;
    private ControlEndpoint control;
    private Arbiter arbiter;
    private CommandTable commands;
    private GlobalOptions options;

    private BoundNode(NodeConfig config, NodeHost host) {
        this.config = config;
        this.host = host;
    }

    /**
     * Binds the endpoints and sockets, then starts the watchers with {@code autostart}; what was bound is
     * closed again when something cannot be.
     *
     * @param onQuit run once {@code quit} has stopped every watcher
     * @throws org.circusmeta.protocol.CircusException naming what could not be bound
     */
    static BoundNode bind(NodeConfig config, NodeHost host, Runnable onQuit) {
        BoundNode node = new BoundNode(config, host);
        try {
            node.bindAll(onQuit);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    /** The endpoints actually bound (a port 0 shows as the port chosen). */
    GlobalOptions options() {
        return options;
    }

    Arbiter arbiter() {
        return arbiter;
    }

    /** The logs endpoint (thread-safe). */
    LogsEndpoint logs() {
        return logs;
    }

    /** Closes the endpoints and sockets; stops no process. Idempotent. */
    void close() {
        if (statsStream != null) {
            host.sampler().unregister(statsStream);
        }
        if (control != null) {
            control.close();
        }
        if (events != null) {
            events.close();
        }
        if (stats != null) {
            stats.close();
        }
        if (arbiter != null) {
            arbiter.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    private void bindAll(Runnable onQuit) {
        SocketLoop loop = host.loop();
        events = new Publisher(loop, config.circus().pubsubEndpoint(), HIGH_WATER_MARK);
        String pubsub = events.start();
        Optional<String> statsBound = Optional.empty();
        if (config.circus().statsEndpoint().isPresent()) {
            stats = new Publisher(loop, config.circus().statsEndpoint().get(), HIGH_WATER_MARK);
            statsBound = Optional.of(stats.start());
            statsStream = new StatsStream(stats, ProcessHandle.current().pid());
        }
        logs = new LogsEndpoint(loop, config.logs().endpoint(), "circusmeta-node", config.logs().options());
        logs.start();
        EventPublisher eventPublisher = new EventPublisher(events);
        Duration checkDelay = Duration.ofMillis((long) (config.circus().checkDelay() * 1000));
        WatcherRuntime runtime = new WatcherRuntime(loop, eventPublisher, host.spawner(),
                new OutputCapture(host.pump(), loop, logs), new ProcessStopper(loop, eventPublisher), checkDelay, this::processesChanged,
                () -> arbiter != null && arbiter.isQuitting());
        arbiter = new Arbiter(config, runtime, onQuit);
        // Requests are read on this thread once this task is over, when the table below exists.
        control = new ControlEndpoint(loop, config.circus().endpoint(), request -> commands.handle(request));
        options = new GlobalOptions(control.start(), pubsub, statsBound, config.circus().checkDelay(),
                config.circus().multicastEndpoint());
        commands = new CommandTable(new CommandContext(arbiter, options, host.sampler()));
        if (statsStream != null) {
            host.sampler().register(statsStream);
        }
        arbiter.start().whenComplete((v, e) -> {
            if (e != null) {
                LOG.error("node {}: starting the watchers failed: {}", options.endpoint(), e.getMessage(), e);
            }
        });
    }

    private void processesChanged() {
        if (arbiter == null) {
            return;
        }
        logs.sync(arbiter.watchers().stream().map(Watcher::name).toList());
        if (statsStream == null) {
            return;
        }
        statsStream.update(new StatsView(arbiter.watchers().stream()
                .map(w -> new StatsView.WatcherPids(w.name().toLowerCase(Locale.ROOT), w.pids())).toList()));
    }
}
