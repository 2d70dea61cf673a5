package org.circusmeta.manager.aggregation;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One stream reader's messages, waiting in a bounded queue until its sender thread writes them. A
 * reader that falls a whole queue behind has overflowed: it is told nothing more and its stream
 * ends, so it never costs more memory than its queue.
 *
 * <p>Thread-safe: one thread offers, the reader's sender thread takes.
 */
public class ReaderQueue<M> {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private volatile boolean overflowed;
    private volatile boolean closed;

    protected ReaderQueue(int capacity) {
        // The last slot is kept for the end marker.
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
    }

    /**
     * Queues {@code message}, or nothing once the reader is done.
     *
     * @return false when this message found the queue full: the reader has just overflowed and is done
     */
    public boolean offer(M message) {
        if (isDone()) {
            return true;
        }
        if (queue.remainingCapacity() <= 1 || !queue.offer(message)) {
            overflowed = true;
            queue.offer(END);
            return false;
        }
        return true;
    }

    /** The next message, or empty after the wait (time for a keep-alive) or once the reader is done. */
    @SuppressWarnings("unchecked")
    public Optional<M> next(Duration wait) throws InterruptedException {
        Object message = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        return message == null || message == END ? Optional.empty() : Optional.of((M) message);
    }

    public boolean isDone() {
        return overflowed || closed;
    }

    public boolean overflowed() {
        return overflowed;
    }

    public void close() {
        closed = true;
        queue.offer(END);
    }
}
