package org.circusmeta.manager.aggregation;

import com.codahale.metrics.MetricRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.circusmeta.manager.lifecycle.Component;
import org.circusmeta.manager.lifecycle.Lifecycle;
import org.circusmeta.manager.nodes.ConnectionListener;
import org.circusmeta.manager.registry.DirectoryListener;
import org.circusmeta.manager.registry.NodeDirectory;
import org.circusmeta.manager.registry.RegisteredNode;
import org.circusmeta.protocol.CircusClosedException;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.protocol.stream.Publisher;
import org.circusmeta.registration.record.NodeRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cluster, one socket (docs/cluster-endpoint.md): subscribes to every attached node's pubsub and stats streams
 * and republishes them on the manager's two PUB sockets, each message naming its node. One thread,
 * {@code relay}, owns every socket involved (a SUB pair per node, both PUBs): a message is read,
 * rewritten and sent by that thread in one go, never handed between threads.
 *
 * <p>What is dropped, and where: ZeroMQ drops messages for a subscriber of the manager's sockets once
 * {@code highWaterMark} of them wait for it, and messages of a node stream once
 * {@code nodeHighWaterMark} wait to be read; both silently, per socket, so that a slow reader never
 * slows the relay or grows the manager's memory. The relay itself drops, and counts, bodies that are
 * not JSON objects and the nodes' {@code stat.sockets} messages (circus-top cannot draw them per
 * node). Events published while a node's stream is reconnecting are lost, as with any PUB/SUB.
 *
 * <p>Thread-safe. Listener calls are handed to the relay thread. Lifecycle: {@link #start()} binds the
 * two PUB sockets (a second call throws); {@link #close()} is idempotent.
 */
public final class StreamRelay implements Component, ConnectionListener, DirectoryListener {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRelay.class);
    private static final Duration TICK = Duration.ofMillis(250);

    private final RelaySettings settings;
    private final SocketLoop loop;
    private final Publisher statsOut;
    private final Publisher eventsOut;
    private final LiveStats live;
    private final EventHub hub;
    private final RelayMetrics metrics;
    private final Republisher republisher;
    private final AtomicInteger subscribed = new AtomicInteger();
    private final Lifecycle lifecycle = new Lifecycle("the stream relay");

    // Relay-thread state.
    private final Map<String, NodeSubscription> subscriptions = new HashMap<>();
    // Attached nodes whose streams could not be subscribed to, with the record tried: tried again when it changes.
    private final Map<String, NodeRecord> unsubscribable = new HashMap<>();

    public StreamRelay(RelaySettings settings, MetricRegistry registry) {
        this.settings = settings;
        // Two ZeroMQ I/O threads: decoding the nodes' streams and encoding the subscribers' need not take turns.
        this.loop = new SocketLoop("relay", 2);
        this.statsOut = new Publisher(loop, settings.statsEndpoint(), settings.highWaterMark());
        this.eventsOut = new Publisher(loop, settings.pubsubEndpoint(), settings.highWaterMark());
        this.metrics = new RelayMetrics(registry);
        this.live = new LiveStats(settings.statsExpireAfter());
        this.hub = new EventHub(settings.eventsQueue(), settings.eventsMaxReaders(), metrics);
        this.republisher = new Republisher(statsOut, eventsOut, live, hub, metrics);
        metrics.gauge(RelayMetrics.PREFIX + ".nodes", subscribed::get);
        metrics.gauge("circusmeta.events.readers", hub::clients);
        metrics.gauge("circusmeta.stats.nodes-reporting", () -> live.current().nodes().size());
    }

    /** Each node's live load: what placement, {@code GET /api/nodes} and {@code GET /api/stats} read. */
    public LiveStats liveStats() {
        return live;
    }

    /** Where the readers of {@code GET /api/events} subscribe. */
    public EventHub events() {
        return hub;
    }

    /** The thread that owns every socket of the relay, for the health check of the loops. */
    public SocketLoop loop() {
        return loop;
    }

    @Override
    public void start() {
        lifecycle.start();
        loop.start();
        String stats = statsOut.start();
        String events = eventsOut.start();
        loop.execute(this::tick);
        LOG.info("relaying every node's events on {} and stats on {} (high-water mark {} messages per subscriber)",
                events, stats, settings.highWaterMark());
    }

    /** The endpoint the events PUB bound (the port chosen, for port 0); empty before {@link #start()}. */
    public String pubsubEndpoint() {
        return eventsOut.boundEndpoint();
    }

    public String statsEndpoint() {
        return statsOut.boundEndpoint();
    }

    @Override
    public void opened(NodeRecord record) {
        onRelay(() -> subscribe(record));
    }

    @Override
    public void closed(String node) {
        onRelay(() -> {
            unsubscribable.remove(node);
            unsubscribe(node, "it detached");
        });
    }

    /**
     * A node whose stream endpoints changed while its control endpoint did not is subscribed anew, and so
     * is an attached node whose streams could not be subscribed to, once its record changes.
     */
    @Override
    public void directoryChanged(NodeDirectory previous, NodeDirectory current) {
        onRelay(() -> {
            for (NodeSubscription s : List.copyOf(subscriptions.values())) {
                Optional<NodeRecord> record = current.node(s.node()).flatMap(RegisteredNode::record);
                if (record.isPresent() && !s.sameStreams(record.get())) {
                    subscribe(record.get());
                }
            }
            for (Map.Entry<String, NodeRecord> failed : List.copyOf(unsubscribable.entrySet())) {
                Optional<NodeRecord> record = current.node(failed.getKey()).flatMap(RegisteredNode::record);
                if (record.isPresent() && !record.get().equals(failed.getValue())) {
                    subscribe(record.get());
                }
            }
        });
    }

    private void onRelay(Runnable task) {
        if (!lifecycle.isStarted()) {
            return;
        }
        try {
            loop.execute(task);
        } catch (CircusClosedException e) {
            // Shutting down: nothing is relayed any more.
        }
    }

    private void subscribe(NodeRecord record) {
        unsubscribe(record.name(), "its stream endpoints changed");
        NodeSubscription subscription;
        try {
            subscription = NodeSubscription.open(loop, record, settings.nodeHighWaterMark(), settings.maxMessageSize(),
                    republisher);
        } catch (RuntimeException e) {
            LOG.warn("cannot read the streams of node {}: {}; its events and stats are not relayed until its record"
                    + " changes or it is attached again (POST /tasks/attach?node={})", record.name(), e.getMessage(),
                    record.name(), e);
            unsubscribable.put(record.name(), record);
            return;
        }
        unsubscribable.remove(record.name());
        subscriptions.put(record.name(), subscription);
        subscribed.set(subscriptions.size());
        LOG.info("relaying node {}: {}", record.name(), subscription.describe());
    }

    private void unsubscribe(String node, String why) {
        NodeSubscription gone = subscriptions.remove(node);
        if (gone == null) {
            return;
        }
        metrics.malformed(gone.newlyMalformed());
        gone.close();
        live.forget(node);
        republisher.forget(node);
        subscribed.set(subscriptions.size());
        LOG.info("stopped relaying node {}: {}", node, why);
    }

    private void tick() {
        if (lifecycle.isClosed()) {
            return;
        }
        try {
            live.publish(System.nanoTime());
            republisher.flushCounts();
            subscriptions.values().forEach(s -> metrics.malformed(s.newlyMalformed()));
        } finally {
            loop.schedule(TICK, this::tick);
        }
    }

    @Override
    public void close() {
        if (!lifecycle.close()) {
            return;
        }
        hub.close();
        // Closing the loop closes every socket it owns: both PUBs and every node's SUBs.
        loop.close();
    }
}
