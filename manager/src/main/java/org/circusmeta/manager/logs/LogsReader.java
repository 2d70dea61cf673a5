package org.circusmeta.manager.logs;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One reader of a followed watcher: the server-sent events waiting for its sender, in a queue bounded in
 * bytes. A reader that falls that far behind (it stopped reading, or reads slower than the nodes print)
 * is dropped: what waits is let go, and its stream ends with a last event saying why. A dropped or closed
 * reader takes nothing more, so it never makes the manager's memory grow.
 *
 * <p>Thread-safe: the feeds offer on the logs loop's thread, the sender takes on its own.
 */
public final class LogsReader {
    /** A queued event: a line (with where it came from and its number) or a notice (node and epoch empty). */
    record Event(Optional<String> node, String epoch, long seq, String text) {
        long bytes() {
            // A queued String of Latin-1 text costs about its length, plus the objects around it.
            return text.length() + 96L;
        }
    }

    private final String watcher;
    private final Optional<String> node;
    private final long maxBytes;
    private final Runnable onDrop;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition offered = lock.newCondition();
    private final ArrayDeque<Event> queue = new ArrayDeque<>();
    private long bytes;
    private boolean done;
    private volatile long peakBytes;

    LogsReader(String watcher, Optional<String> node, long maxBytes, Runnable onDrop) {
        this.watcher = watcher;
        this.node = node;
        this.maxBytes = maxBytes;
        this.onDrop = onDrop;
    }

    String watcher() {
        return watcher;
    }

    /** The node it reads only, if it named one. */
    Optional<String> node() {
        return node;
    }

    /** @return false when the reader is done: it was dropped now or before, or it closed */
    boolean offer(Event event) {
        lock.lock();
        try {
            if (done) {
                return false;
            }
            if (bytes + event.bytes() > maxBytes) {
                end(SseText.event("end", SseText.endJson("this reader fell " + maxBytes / 1024 + " KiB of lines behind"
                        + " (it reads slower than the nodes print, or stopped reading) and was dropped; follow again,"
                        + " with ?node= if it cannot keep up with every node")));
                onDrop.run();
                return false;
            }
            queue.add(event);
            bytes += event.bytes();
            peakBytes = Math.max(peakBytes, bytes);
            offered.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the reader with a last event: what waits is let go, the sender writes that event and ends the
     * stream. Does nothing when it is done already.
     */
    void end(String lastEvent) {
        lock.lock();
        try {
            if (done) {
                return;
            }
            done = true;
            queue.clear();
            queue.add(new Event(Optional.empty(), "", 0, lastEvent));
            bytes = 0;
            offered.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * What waits, up to {@code batchBytes} (one event at least), waiting up to {@code wait} for the first;
     * empty after the wait (time for a keep-alive) or once the reader is done and drained.
     */
    List<Event> take(Duration wait, long batchBytes) throws InterruptedException {
        lock.lock();
        try {
            long nanos = wait.toNanos();
            while (queue.isEmpty() && !done && nanos > 0) {
                nanos = offered.awaitNanos(nanos);
            }
            List<Event> batch = new ArrayList<>();
            long taken = 0;
            while (!queue.isEmpty() && (batch.isEmpty() || taken + queue.peek().bytes() <= batchBytes)) {
                Event e = queue.poll();
                taken += e.bytes();
                batch.add(e);
            }
            bytes -= done ? 0 : taken;
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** True once it ended and its last event was taken. */
    boolean isFinished() {
        lock.lock();
        try {
            return done && queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** The most bytes of events that ever waited for it at once. */
    long peakBytes() {
        return peakBytes;
    }

    /** Bytes of events waiting for it now. */
    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }
}
