package org.circusmeta.protocol.loop;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The tasks other threads hand a {@link SocketLoop}, and the wake-up that goes with them. A task is
 * either accepted and then run, or refused: once {@link #close()} has been called and the loop has
 * drained the queue one last time, {@link #offer} refuses, so nothing is left behind unrun.
 *
 * <p>Waking the loop costs a system call, so it is done at most once per sleep: the first task queued
 * while the loop sleeps raises a flag and wakes it; the loop lowers the flag just before it sleeps
 * again, then looks at the queue once more.
 *
 * <p>Thread-safe: {@link #offer} from any thread; the rest on the loop thread.
 */
final class TaskQueue {
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Runnable wakeup;
    private volatile boolean closed;

    TaskQueue(Runnable wakeup) {
        this.wakeup = wakeup;
    }

    /** Queues a task; false when the queue is closed (the task will not run). */
    boolean offer(Runnable task) {
        if (closed) {
            return false;
        }
        tasks.add(task);
        if (closed && tasks.remove(task)) {
            // The loop drained the queue for the last time before this task arrived.
            return false;
        }
        if (wakeupPending.compareAndSet(false, true)) {
            wakeup.run();
        }
        return true;
    }

    /** Runs up to {@code budget} tasks through the runner, which must not throw. */
    void run(int budget, Consumer<Runnable> runner) {
        Runnable task;
        for (int i = 0; i < budget && (task = tasks.poll()) != null; i++) {
            runner.accept(task);
        }
    }

    /** Lowers the wake-up flag; true if the loop may sleep, false if a task is waiting. */
    boolean readyToSleep() {
        if (!tasks.isEmpty()) {
            return false;
        }
        wakeupPending.set(false);
        // A task queued after this check finds the flag down and wakes the loop.
        return tasks.isEmpty();
    }

    /** Wakes the loop whatever the flag says (to make it see that it is closing). */
    void wakeLoop() {
        wakeup.run();
    }

    /** Refuses new tasks; the loop then drains what was accepted. */
    void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }
}
