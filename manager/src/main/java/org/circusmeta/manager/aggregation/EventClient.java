package org.circusmeta.manager.aggregation;

import java.util.Optional;

/**
 * One reader of {@code GET /api/events}: the events that match its filters wait in its queue until
 * its sender thread writes them; one that falls a whole queue behind is dropped.
 *
 * <p>Thread-safe: the relay thread offers, the client's sender thread takes.
 */
public final class EventClient extends ReaderQueue<RelayEvent> {
    private final Optional<String> node;
    private final Optional<String> watcher;

    EventClient(int capacity, Optional<String> node, Optional<String> watcher) {
        super(capacity);
        this.node = node;
        this.watcher = watcher;
    }

    boolean wants(String eventNode, String eventWatcher) {
        return (node.isEmpty() || node.get().equals(eventNode))
                && (watcher.isEmpty() || watcher.get().equalsIgnoreCase(eventWatcher));
    }
}
