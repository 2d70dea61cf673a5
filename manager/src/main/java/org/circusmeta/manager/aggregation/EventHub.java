package org.circusmeta.manager.aggregation;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every relayed event to the readers of {@code GET /api/events}, each through its own bounded
 * {@link EventClient} queue: the relay never waits for a reader, and a reader that falls behind is
 * dropped rather than buffered. At most {@code maxClients} readers at once.
 *
 * <p>Thread-safe: the relay thread publishes; request threads subscribe; senders unsubscribe.
 */
public final class EventHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    private final int queueSize;
    private final int maxClients;
    private final RelayMetrics metrics;
    private final List<EventClient> clients = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    EventHub(int queueSize, int maxClients, RelayMetrics metrics) {
        this.queueSize = queueSize;
        this.maxClients = maxClients;
        this.metrics = metrics;
    }

    boolean hasClients() {
        return !clients.isEmpty();
    }

    int clients() {
        return clients.size();
    }

    public int maxClients() {
        return maxClients;
    }

    int queueSize() {
        return queueSize;
    }

    /** A new reader, or empty when {@code maxClients} are reading already (or the hub is closed). */
    public synchronized Optional<EventClient> subscribe(Optional<String> node, Optional<String> watcher) {
        if (closed || clients.size() >= maxClients) {
            return Optional.empty();
        }
        EventClient client = new EventClient(queueSize, node, watcher);
        clients.add(client);
        return Optional.of(client);
    }

    public void unsubscribe(EventClient client) {
        client.close();
        clients.remove(client);
    }

    /** Relay thread. */
    void publish(RelayEvent event) {
        for (EventClient client : clients) {
            if (!client.wants(event.node(), event.watcher())) {
                continue;
            }
            if (!client.offer(event)) {
                clients.remove(client);
                metrics.eventClientDropped();
                LOG.warn("an events reader (GET /api/events) fell {} events behind and was dropped; it should read"
                        + " faster or filter with ?node= or ?watcher=", queueSize);
            } else if (client.isDone()) {
                clients.remove(client);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        clients.forEach(EventClient::close);
        clients.clear();
    }
}
