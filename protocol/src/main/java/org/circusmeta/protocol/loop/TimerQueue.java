package org.circusmeta.protocol.loop;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The timers of one {@link SocketLoop}, earliest deadline first and, for equal deadlines, in the order
 * they were added. A cancelled timer stays queued until it reaches the head, where it is dropped
 * without running: cancelling is a flag, cheap from any thread.
 *
 * <p>Confined to the loop thread, except {@link SocketLoop.Timer#cancel()}.
 */
final class TimerQueue {
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long sequence;

    Entry newTimer(long delayNanos, Runnable task) {
        return new Entry(System.nanoTime() + Math.max(0, delayNanos), task);
    }

    void add(Entry timer) {
        timer.sequence = sequence++;
        queue.add(timer);
    }

    /** Runs every timer whose deadline has passed, each through the runner (which must not throw). */
    void runDue(Consumer<Runnable> runner) {
        long now = System.nanoTime();
        Entry next;
        while ((next = queue.peek()) != null && (next.cancelled || next.deadline - now <= 0)) {
            queue.poll();
            if (!next.cancelled) {
                next.cancelled = true;
                runner.accept(next.task);
            }
        }
    }

    /** Milliseconds until the next live timer (at least 1, rounded up), 0 if one is due, -1 if none. */
    long millisToNext() {
        Entry next;
        while ((next = queue.peek()) != null && next.cancelled) {
            queue.poll();
        }
        if (next == null) {
            return -1;
        }
        long nanos = next.deadline - System.nanoTime();
        if (nanos <= 0) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
    }

    void clear() {
        queue.clear();
    }

    /** One scheduled task; {@link #cancel()} may be called from any thread. */
    static final class Entry implements SocketLoop.Timer, Comparable<Entry> {
        final long deadline;
        final Runnable task;
        long sequence;
        volatile boolean cancelled;

        Entry(long deadline, Runnable task) {
            this.deadline = deadline;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Entry other) {
            int byDeadline = Long.compare(deadline - other.deadline, 0);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }
}
