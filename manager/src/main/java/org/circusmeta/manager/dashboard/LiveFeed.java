package org.circusmeta.manager.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.circusmeta.manager.core.Reads;
import org.circusmeta.manager.nodes.ConnectionListener;
import org.circusmeta.manager.nodes.NodeLoad;
import org.circusmeta.manager.nodes.NodeState;
import org.circusmeta.manager.nodes.NodeSummary;
import org.circusmeta.manager.registry.DirectoryListener;
import org.circusmeta.manager.registry.NodeDirectory;
import org.circusmeta.manager.resources.Views;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.protocol.CircusJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code GET /api/live} streams: every node as {@code GET /api/nodes} shows it and the last
 * minutes of their load as a snapshot to each new reader, then a {@code node} event the moment a
 * node's state, record or reason changes (a node's connection says so at once), {@code gone} when it
 * leaves, and once a tick a {@code load} event with the nodes whose load changed. It samples every
 * node's load once a tick whether anyone reads or not, so that a page opened now has the history;
 * the events themselves are built only while someone reads.
 *
 * <p>Thread-safe: listeners and subscribers on any thread; everything else on its own "live-feed" thread.
 */
public final class LiveFeed implements Managed, ConnectionListener, DirectoryListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    static final Duration TICK = Duration.ofSeconds(1);
    private static final int MAX_CHANGES = 32;

    /** What makes a node worth a {@code node} event when it changes: not its load, not when it last answered. */
    private record Shown(NodeState state, boolean eligible, Optional<NodeRecord> record, Optional<String> reason,
            Optional<Instant> unreachableSince) {
        static Shown of(NodeSummary node) {
            return new Shown(node.state(), node.eligible(), node.record(), node.reason(), node.unreachableSince());
        }
    }

    private final Reads reads;
    private final ObjectMapper mapper;
    private final int maxReaders;
    private final int queueSize;
    private final List<LiveReader> readers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-feed");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean started = new AtomicBoolean();

    // Feed-thread state.
    private final LoadHistory history = new LoadHistory();
    private Map<String, Shown> shown = Map.of();
    private Map<String, NodeLoad> loads = Map.of();

    /** Tell it of changes as a {@link ConnectionListener} and a {@link DirectoryListener}; it reads the nodes from {@code reads}. */
    public LiveFeed(Reads reads, ObjectMapper mapper, int maxReaders, int queueSize) {
        this.reads = reads;
        this.mapper = mapper;
        this.maxReaders = maxReaders;
        this.queueSize = queueSize;
    }

    int maxReaders() {
        return maxReaders;
    }

    @Override
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the live feed is started already");
        }
        thread.scheduleAtFixedRate(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A new reader, to get a snapshot at once; empty when {@code maxReaders} read already. */
    synchronized Optional<LiveReader> subscribe() {
        if (readers.size() >= maxReaders || thread.isShutdown()) {
            return Optional.empty();
        }
        LiveReader reader = new LiveReader(queueSize);
        readers.add(reader);
        wake();
        return Optional.of(reader);
    }

    void unsubscribe(LiveReader reader) {
        reader.close();
        readers.remove(reader);
    }

    @Override
    public void stateChanged(String node, NodeState from, NodeState to) {
        wake();
    }

    @Override
    public void opened(NodeRecord record) {
        wake();
    }

    @Override
    public void closed(String node) {
        wake();
    }

    @Override
    public void directoryChanged(NodeDirectory previous, NodeDirectory current) {
        wake();
    }

    /** Sends what changed now rather than at the next tick; many wakes before it runs cost one pass. */
    private void wake() {
        if (wakePending.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    wakePending.set(false);
                    guarded(() -> publishChanges(reads.nodes()));
                });
            } catch (RejectedExecutionException e) {
                // stopping
            }
        }
    }

    private void tick() {
        guarded(() -> {
            List<NodeSummary> nodes = reads.nodes();
            publishChanges(nodes);
            publishLoad(System.currentTimeMillis(), nodes);
        });
    }

    private void guarded(Runnable pass) {
        try {
            pass.run();
        } catch (RuntimeException e) {
            LOG.error("the dashboard's live feed failed a pass; the next tick tries again", e);
        }
    }

    private void publishChanges(List<NodeSummary> nodes) {
        Map<String, Shown> now = new LinkedHashMap<>();
        nodes.forEach(n -> now.put(n.name(), Shown.of(n)));
        if (readers.stream().anyMatch(LiveReader::started)) {
            List<LiveReader.Message> changes = new ArrayList<>();
            for (NodeSummary node : nodes) {
                if (!now.get(node.name()).equals(shown.get(node.name()))) {
                    changes.add(new LiveReader.Message("node", json(node).toString()));
                }
            }
            for (String name : shown.keySet()) {
                if (!now.containsKey(name)) {
                    changes.add(new LiveReader.Message("gone", CircusJson.object().put("name", name).toString()));
                }
            }
            // A storm (the registry read again after a ZooKeeper reconnect) is one list, not a message a node.
            if (changes.size() > MAX_CHANGES) {
                send(everyNode(nodes));
            } else {
                changes.forEach(this::send);
            }
        }
        shown = now;
        if (readers.stream().anyMatch(r -> !r.started())) {
            snapshot(nodes);
        }
    }

    private ObjectNode json(NodeSummary node) {
        return mapper.valueToTree(Views.node(node));
    }

    private LiveReader.Message everyNode(List<NodeSummary> nodes) {
        ArrayNode list = mapper.createArrayNode();
        nodes.forEach(n -> list.add(json(n)));
        return new LiveReader.Message("nodes", list.toString());
    }

    private void snapshot(List<NodeSummary> nodes) {
        LiveReader.Message all = everyNode(nodes);
        LiveReader.Message past = new LiveReader.Message("history", history.toJson(TICK.toMillis()).toString());
        for (LiveReader reader : readers) {
            if (!reader.started()) {
                reader.markStarted();
                if (!reader.offer(all) || !reader.offer(past)) {
                    readers.remove(reader);
                }
            }
        }
    }

    private void publishLoad(long now, List<NodeSummary> nodes) {
        Map<String, NodeLoad> current = new HashMap<>();
        nodes.forEach(n -> current.put(n.name(), n.load()));
        history.record(now, current);
        if (readers.stream().anyMatch(LiveReader::started)) {
            ObjectNode json = CircusJson.object();
            json.put("time", now);
            ObjectNode changed = json.putObject("nodes");
            for (NodeSummary node : nodes) {
                if (!node.load().equals(loads.get(node.name()))) {
                    changed.set(node.name(), mapper.valueToTree(Views.node(node).load()));
                }
            }
            send(new LiveReader.Message("load", json.toString()));
        }
        loads = current;
    }

    private void send(LiveReader.Message message) {
        for (LiveReader reader : readers) {
            if (reader.started() && !reader.offer(message)) {
                readers.remove(reader);
                LOG.info("a dashboard (GET /api/live) fell {} messages behind and was dropped; it reconnects by itself",
                        queueSize);
            }
        }
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public synchronized void close() {
        thread.shutdownNow();
        readers.forEach(LiveReader::close);
        readers.clear();
    }
}
