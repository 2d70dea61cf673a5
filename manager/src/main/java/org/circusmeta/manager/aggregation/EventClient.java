package org.circusmeta.manager.aggregation;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One reader of {@code GET /api/events}: the events that match its filters wait in a bounded queue
 * until its sender thread writes them. A reader that falls a whole queue behind is dropped: it is
 * told nothing more and its stream ends, so it never costs more memory than its queue.
 *
 * <p>Thread-safe: the relay thread offers, the client's sender thread takes.
 */
public final class EventClient {
    private static final RelayEvent CLOSED = new RelayEvent("", "", "", new byte[0]);

    private final BlockingQueue<RelayEvent> queue;
    private final Optional<String> node;
    private final Optional<String> watcher;
    private volatile boolean overflowed;
    private volatile boolean closed;

    EventClient(int capacity, Optional<String> node, Optional<String> watcher) {
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
        this.node = node;
        this.watcher = watcher;
    }

    boolean wants(String eventNode, String eventWatcher) {
        return (node.isEmpty() || node.get().equals(eventNode))
                && (watcher.isEmpty() || watcher.get().equalsIgnoreCase(eventWatcher));
    }

    /** @return false when the queue was full: the client is now overflowed and must be dropped */
    boolean offer(RelayEvent event) {
        if (overflowed || closed) {
            return true;
        }
        // The last slot is kept for the close marker.
        if (queue.remainingCapacity() <= 1 || !queue.offer(event)) {
            overflowed = true;
            queue.offer(CLOSED);
            return false;
        }
        return true;
    }

    /** The next event, or empty after the wait (time for a keep-alive) or once the client is done. */
    public Optional<RelayEvent> next(Duration wait) throws InterruptedException {
        RelayEvent event = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        return event == null || event == CLOSED ? Optional.empty() : Optional.of(event);
    }

    public boolean isDone() {
        return overflowed || closed;
    }

    boolean overflowed() {
        return overflowed;
    }

    void close() {
        closed = true;
        queue.offer(CLOSED);
    }
}
