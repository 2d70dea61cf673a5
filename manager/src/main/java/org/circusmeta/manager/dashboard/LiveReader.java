package org.circusmeta.manager.dashboard;

import org.circusmeta.manager.aggregation.ReaderQueue;

/**
 * One reader of {@code GET /api/live}: its messages wait in a bounded queue until its sender thread
 * writes them. It starts with a snapshot (the feed sends one before anything else), then gets the
 * changes. A reader that falls a whole queue behind is done: its stream ends, and the page, which
 * reconnects by itself, starts again from a new snapshot.
 *
 * <p>Thread-safe: the feed's thread offers, the reader's sender thread takes.
 */
final class LiveReader extends ReaderQueue<LiveReader.Message> {
    /** One server-sent event: its {@code event:} name and its JSON {@code data:}. */
    record Message(String event, String data) {}

    private volatile boolean started;

    LiveReader(int capacity) {
        super(capacity);
    }

    /** Whether it has had its snapshot; set on the feed's thread only. */
    boolean started() {
        return started;
    }

    void markStarted() {
        started = true;
    }
}
