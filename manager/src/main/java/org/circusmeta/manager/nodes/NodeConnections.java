package org.circusmeta.manager.nodes;

import com.codahale.metrics.MetricRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.circusmeta.manager.lifecycle.Causes;
import org.circusmeta.manager.lifecycle.Component;
import org.circusmeta.manager.lifecycle.Lifecycle;
import org.circusmeta.manager.lifecycle.Listeners;
import org.circusmeta.manager.registry.DirectoryListener;
import org.circusmeta.manager.registry.NodeDirectory;
import org.circusmeta.manager.registry.RegisteredNode;
import org.circusmeta.manager.registry.RegistryWatch;
import org.circusmeta.protocol.CircusTimeoutException;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.registration.record.NodeRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection per registered, valid node, opened the moment it appears in the registry view,
 * re-opened when its endpoint changes and closed at once when its znode goes. Operators may detach
 * a node (drop its connection while it is worked on) and attach it again.
 *
 * <p>Thread-safe: changes to the set of connections are serialised; reads take no lock.
 */
public final class NodeConnections implements DirectoryListener, Component {
    private static final Logger LOG = LoggerFactory.getLogger(NodeConnections.class);
    public static final String METRICS_PREFIX = "circusmeta.nodes";

    private final RegistryWatch registry;
    private final SocketLoops loops;
    private final ConnectionSettings settings;
    private final MetricRegistry metrics;
    private final Map<String, NodeConnection> connections = new ConcurrentHashMap<>();
    private final Map<SocketLoop, ProbeRound> rounds = new ConcurrentHashMap<>();
    private final Set<String> detached = ConcurrentHashMap.newKeySet();
    /** Nodes whose connection could not even be opened (an endpoint host that does not resolve), and why. */
    private final Map<String, String> unopenable = new ConcurrentHashMap<>();
    private final Listeners<ConnectionListener> listeners = new Listeners<>(LOG, "connection listener");
    private final ExecutorService reconnects = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "node-reconnect");
        thread.setDaemon(true);
        return thread;
    });
    private volatile LiveLoad liveLoad = LiveLoad.NONE;
    private final Lifecycle lifecycle = new Lifecycle("the node connections");

    public NodeConnections(RegistryWatch registry, SocketLoops loops, ConnectionSettings settings, MetricRegistry metrics) {
        this.registry = registry;
        this.loops = loops;
        this.settings = settings;
        this.metrics = metrics;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public void addListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    /** Where {@code GET /api/nodes} and placement read cpu and memory from. */
    public void useLiveLoad(LiveLoad load) {
        this.liveLoad = load;
    }

    @Override
    public void start() {
        lifecycle.start();
        registry.addListener(this);
    }

    @Override
    public synchronized void directoryChanged(NodeDirectory previous, NodeDirectory current) {
        if (lifecycle.isClosed()) {
            return;
        }
        for (String name : List.copyOf(connections.keySet())) {
            Optional<NodeRecord> record = current.node(name).flatMap(RegisteredNode::record);
            if (record.isEmpty()) {
                drop(name, current.node(name).isPresent() ? "its record became invalid" : "its znode is gone");
            }
        }
        detached.retainAll(current.nodes().keySet());
        unopenable.keySet().retainAll(current.nodes().keySet());
        for (RegisteredNode node : current.nodes().values()) {
            node.record().ifPresent(this::reconcile);
        }
    }

    private void reconcile(NodeRecord record) {
        NodeConnection existing = connections.get(record.name());
        if (existing == null) {
            if (!detached.contains(record.name())) {
                open(record);
            }
        } else if (!existing.sameEndpoint(record)) {
            drop(record.name(), "its endpoint changed to " + record.endpoint());
            open(record);
        } else if (!existing.record().equals(record)) {
            existing.updateRecord(record);
        }
    }

    private void open(NodeRecord record) {
        String name = record.name();
        SocketLoop loop = loops.loopFor(name);
        NodeConnection connection = new NodeConnection(record, loop,
                rounds.computeIfAbsent(loop, l -> new ProbeRound(l, settings.livenessInterval())), settings,
                metrics.timer(MetricRegistry.name(METRICS_PREFIX, name, "round-trip")),
                (from, to) -> listeners.tell(l -> l.stateChanged(name, from, to)), this::reconnect);
        connections.put(name, connection);
        LOG.info("attaching node {} at {}", name, record.endpoint());
        try {
            connection.start();
        } catch (RuntimeException e) {
            // One node's bad endpoint must not stop the others of this pass: it is tried again at the next change.
            connections.remove(name, connection);
            connection.close();
            metrics.remove(MetricRegistry.name(METRICS_PREFIX, name, "round-trip"));
            String reason = "cannot open a connection to " + record.endpoint() + ": " + e.getMessage();
            if (!reason.equals(unopenable.put(name, reason))) {
                LOG.warn("node {}: {}; it is unreachable, and tried again whenever the registry changes (fix its record,"
                        + " or its host's name resolution)", name, reason);
            }
            return;
        }
        unopenable.remove(name);
        listeners.tell(l -> l.opened(record));
    }

    private void drop(String name, String why) {
        NodeConnection connection = connections.remove(name);
        if (connection == null) {
            return;
        }
        connection.close();
        metrics.remove(MetricRegistry.name(METRICS_PREFIX, name, "round-trip"));
        LOG.info("detached node {}: {}", name, why);
        listeners.tell(l -> l.closed(name));
    }

    /**
     * Drops a node's connection until {@link #attach} (the {@code detach} task).
     *
     * @return false when no node of that name is registered
     */
    public synchronized boolean detach(String name) {
        if (!isRegistered(name)) {
            return false;
        }
        detached.add(name);
        drop(name, "an operator detached it; POST /tasks/attach?node=" + name + " attaches it again");
        return true;
    }

    /**
     * Opens (or re-opens) a node's connection.
     *
     * @return false when no node of that name is registered, or its record is invalid
     */
    public synchronized boolean attach(String name) {
        Optional<NodeRecord> record = registry.current().node(name).flatMap(RegisteredNode::record);
        if (record.isEmpty()) {
            return false;
        }
        detached.remove(name);
        drop(name, "an operator re-attaches it");
        open(record.get());
        return true;
    }

    /** Every registered node, by name, as it stands now. */
    public List<NodeSummary> summaries() {
        NodeDirectory directory = registry.current();
        List<NodeSummary> all = new ArrayList<>();
        for (RegisteredNode node : directory.nodes().values()) {
            all.add(summarise(node, directory.isEligible(node.name())));
        }
        return all;
    }

    /** One registered node as it stands now; empty when no node of that name is registered. */
    public Optional<NodeSummary> summary(String name) {
        NodeDirectory directory = registry.current();
        return directory.node(name).map(node -> summarise(node, directory.isEligible(name)));
    }

    /** Every registered node worth sending a command to: all but the invalid and detached ones, by name. */
    public List<String> askable() {
        List<String> names = new ArrayList<>();
        for (NodeSummary node : summaries()) {
            if (node.state() != NodeState.INVALID && node.state() != NodeState.DETACHED) {
                names.add(node.name());
            }
        }
        return names;
    }

    public boolean isRegistered(String name) {
        return registry.current().node(name).isPresent();
    }

    private NodeSummary summarise(RegisteredNode node, boolean eligible) {
        NodeConnection connection = connections.get(node.name());
        if (connection != null) {
            return connection.summary(liveLoad, eligible);
        }
        String unopened = unopenable.get(node.name());
        NodeState state = !node.isValid() ? NodeState.INVALID
                : detached.contains(node.name()) ? NodeState.DETACHED
                : unopened != null ? NodeState.UNREACHABLE : NodeState.ATTACHING;
        Optional<String> reason = node.invalidReason().or(() -> Optional.ofNullable(unopened));
        return new NodeSummary(node.name(), state, eligible, node.record(), reason, NodeLoad.UNKNOWN, Optional.empty(),
                Optional.empty());
    }

    /**
     * Sends one command to one node. Never fails: a node that is known not to answer (unreachable,
     * detached, invalid, unregistered) gets nothing and its outcome says why; otherwise the outcome
     * is its reply or a timeout at the deadline.
     */
    public CompletableFuture<NodeOutcome> call(String name, Request request, Duration timeout) {
        NodeConnection connection = connections.get(name);
        if (connection == null) {
            Optional<RegisteredNode> node = registry.current().node(name);
            NodeOutcome.Failure why = node.isEmpty() ? NodeOutcome.Failure.GONE
                    : !node.get().isValid() ? NodeOutcome.Failure.INVALID
                    : detached.contains(name) ? NodeOutcome.Failure.DETACHED : NodeOutcome.Failure.UNREACHABLE;
            return CompletableFuture.completedFuture(new NodeOutcome.Failed(name, why));
        }
        if (connection.state() == NodeState.UNREACHABLE) {
            return CompletableFuture.completedFuture(new NodeOutcome.Failed(name, NodeOutcome.Failure.UNREACHABLE));
        }
        return connection.call(request, timeout).handle((reply, error) -> {
            if (reply != null) {
                return new NodeOutcome.Answered(name, reply);
            }
            return new NodeOutcome.Failed(name, Causes.of(error) instanceof CircusTimeoutException
                    ? NodeOutcome.Failure.TIMEOUT : NodeOutcome.Failure.GONE);
        });
    }

    private void reconnect(Runnable task) {
        try {
            reconnects.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("re-opening a node connection failed; its next probe tries again", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    @Override
    public synchronized void close() {
        if (!lifecycle.close()) {
            return;
        }
        connections.values().forEach(NodeConnection::close);
        connections.clear();
        reconnects.shutdownNow();
    }
}
