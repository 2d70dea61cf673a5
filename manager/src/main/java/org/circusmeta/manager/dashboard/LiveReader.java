package org.circusmeta.manager.dashboard;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One reader of {@code GET /api/live}: its messages wait in a bounded queue until its sender thread
 * writes them. It starts with a snapshot (the feed sends one before anything else), then gets the
 * changes. A reader that falls a whole queue behind is done: its stream ends, and the page, which
 * reconnects by itself, starts again from a new snapshot.
 *
 * <p>Thread-safe: the feed's thread offers, the reader's sender thread takes.
 */
final class LiveReader {
    /** One server-sent event: its {@code event:} name and its JSON {@code data:}. */
    record Message(String event, String data) {}

    private static final Message END = new Message("", "");

    private final BlockingQueue<Message> queue;
    private volatile boolean started;
    private volatile boolean done;

    LiveReader(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
    }

    /** Whether it has had its snapshot; set on the feed's thread only. */
    boolean started() {
        return started;
    }

    void markStarted() {
        started = true;
    }

    /** @return false when the queue was full: the reader is done */
    boolean offer(Message message) {
        if (done) {
            return false;
        }
        // The last slot is kept for the end marker.
        if (queue.remainingCapacity() <= 1 || !queue.offer(message)) {
            close();
            return false;
        }
        return true;
    }

    /** The next message, or empty after the wait (time for a keep-alive) or once the reader is done. */
    Optional<Message> next(Duration wait) throws InterruptedException {
        Message message = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        return message == null || message == END ? Optional.empty() : Optional.of(message);
    }

    boolean isDone() {
        return done;
    }

    void close() {
        done = true;
        queue.offer(END);
    }
}
