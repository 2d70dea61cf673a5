package org.circusmeta.manager.logs;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.circusmeta.manager.nodes.ConnectionListener;
import org.circusmeta.manager.nodes.NodeState;
import org.circusmeta.manager.registry.NodeDirectory;
import org.circusmeta.manager.registry.RegisteredNode;
import org.circusmeta.registration.record.NodeRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The followed watchers of {@code GET /api/logs?follow=true}: one {@link WatcherFeed} per watcher (and
 * node, when the readers name one), started with its first reader and ended with its last, so that the
 * readers of one watcher share one follow per node. At most {@code maxReaders} readers at once; each
 * buffers at most {@code readerBytes} of lines. A node that attaches is followed by the feeds that want
 * it; one that leaves is ended in each, and its readers told.
 *
 * <p>Thread-safe. The connection events, which come on the registry's and the loops' threads, are
 * handed to {@code events} (one thread), where the clients are opened: nothing here runs on a loop thread
 * but the lines. Lifecycle: {@link #close()} ends every reader (the server's stop waits for open
 * requests, and a follow never ends by itself).
 */
public final class LogFeeds implements ConnectionListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogFeeds.class);

    private record Key(String watcher, Optional<String> node) {}

    private final Supplier<NodeDirectory> directory;
    private final LogsClients clients;
    private final Executor events;
    private final int maxReaders;
    private final long readerBytes;
    private final Map<Key, WatcherFeed> feeds = new HashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private int readers;
    private boolean closed;

    public LogFeeds(Supplier<NodeDirectory> directory, LogsClients clients, Executor events, int maxReaders, long readerBytes) {
        this.directory = directory;
        this.clients = clients;
        this.events = events;
        this.maxReaders = maxReaders;
        this.readerBytes = readerBytes;
    }

    public int maxReaders() {
        return maxReaders;
    }

    /**
     * A new reader of the watcher (on the node, if given), receiving from now on; empty when
     * {@link #maxReaders()} read already or the manager is stopping. Give it back with {@link #unsubscribe}.
     */
    public synchronized Optional<LogsReader> subscribe(String watcher, Optional<String> node) {
        if (closed || readers >= maxReaders) {
            return Optional.empty();
        }
        LogsReader reader = new LogsReader(watcher, node, readerBytes, dropped::incrementAndGet);
        feeds.computeIfAbsent(new Key(watcher, node), this::start).add(reader);
        readers++;
        return Optional.of(reader);
    }

    /** The reader is gone: its slot is free, and its feed ends with its last reader. */
    public synchronized void unsubscribe(LogsReader reader) {
        Key key = new Key(reader.watcher(), reader.node());
        WatcherFeed feed = feeds.get(key);
        if (feed != null && feed.remove(reader)) {
            feeds.remove(key);
            feed.close("no reader is left");
        }
        readers--;
    }

    private WatcherFeed start(Key key) {
        WatcherFeed feed = new WatcherFeed(key.watcher(), key.node());
        for (RegisteredNode node : directory.get().nodes().values()) {
            if (feed.wants(node.name())) {
                node.record().flatMap(NodeRecord::logsEndpoint).ifPresent(e -> follow(feed, node.name(), e));
            }
        }
        return feed;
    }

    private void follow(WatcherFeed feed, String node, String endpoint) {
        try {
            feed.follow(node, clients.client(node, endpoint));
        } catch (RuntimeException e) {
            LOG.warn("node {}: cannot follow the logs of {} at {}: {}; its lines are not followed until it registers"
                    + " again", node, feed.watcher(), endpoint, e.getMessage());
        }
    }

    @Override
    public void opened(NodeRecord record) {
        record.logsEndpoint().ifPresent(endpoint -> events.execute(() -> joined(record.name(), endpoint)));
    }

    private synchronized void joined(String node, String endpoint) {
        for (WatcherFeed feed : feeds.values()) {
            if (feed.wants(node) && !feed.follows(node)) {
                follow(feed, node, endpoint);
            }
        }
    }

    @Override
    public void closed(String node) {
        events.execute(() -> left(node));
    }

    private synchronized void left(String node) {
        feeds.values().forEach(f -> f.left(node, "its registration is gone, an operator detached it, or its endpoint"
                + " changed"));
        clients.drop(node);
    }

    @Override
    public void stateChanged(String node, NodeState from, NodeState to) {
        if (to == NodeState.UNREACHABLE) {
            events.execute(() -> tell(node, "node " + node + " stopped answering (unreachable): its lines stop; the"
                    + " other nodes' go on"));
        } else if (from == NodeState.UNREACHABLE && to == NodeState.ATTACHED) {
            events.execute(() -> tell(node, "node " + node + " answers again: its lines come again"));
        }
    }

    private synchronized void tell(String node, String message) {
        feeds.values().forEach(f -> f.nodeNotice(node, message));
    }

    /** Readers following now. */
    public synchronized int readers() {
        return readers;
    }

    /** Bytes of lines that wait for their readers, all readers together. */
    public synchronized long bufferedBytes() {
        return feeds.values().stream().mapToLong(WatcherFeed::bufferedBytes).sum();
    }

    /** Readers dropped since the start because they fell behind. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public synchronized void close() {
        closed = true;
        feeds.values().forEach(f -> f.close("the manager is stopping"));
        feeds.clear();
    }
}
