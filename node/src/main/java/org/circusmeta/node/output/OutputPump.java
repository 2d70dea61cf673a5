package org.circusmeta.node.output;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.circusmeta.protocol.logs.CapturedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that reads the stdout and stderr pipes of every process of the nodes of a host, without
 * blocking: each pass asks every pipe how much it holds and reads just that, copies it where the
 * watcher's stream class says (a file, rotated; the node's stdout; nowhere) and hands the lines to the
 * node's logs. A pipe that has output is read again at once; a quiet one less and less often, down to
 * every 100 ms, or every millisecond times the number of pipes on a host with more than a hundred of
 * them, so that looking at quiet pipes costs at most a thousand looks a second. A hundred processes
 * cost this one thread, not two hundred.
 *
 * <p>Back-pressure: when the nodes' loop has not yet taken {@value #MAX_PENDING} lines handed to it,
 * the pump stops reading until it has: the pipes fill and the processes wait on their writes, as they
 * would under circusd, rather than the node's memory growing.
 *
 * <p>Threading: thread-safe; {@link #attach} from any thread. Lifecycle: {@link #start()} once;
 * {@link #close()} is idempotent and closes every pipe and file.
 */
public final class OutputPump implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputPump.class);
    static final long MAX_PENDING = 50_000;
    private static final long BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long FIRST_QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long MAX_QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long NANOS_PER_PIPE = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long IDLE_PASS_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    private static final int BUFFER_BYTES = 64 * 1024;

    private enum State { NEW, RUNNING, CLOSED }

    private final String name;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final ConcurrentLinkedQueue<PipedOutput> arriving = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong pipes = new AtomicLong();
    private volatile ScheduledExecutorService executor;

    // Pump-thread state.
    private final List<PipedOutput> reading = new ArrayList<>();
    private final OutputSinks sinks = new OutputSinks();
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private ScheduledFuture<?> next;

    /** @param name the thread's name */
    public OutputPump(String name) {
        this.name = name;
    }

    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("output pump " + name + " was already started");
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        });
        wake();
    }

    /** Pipes being read now. */
    public long pipes() {
        return pipes.get();
    }

    /** Lines handed to the nodes' loop and not taken yet. */
    public long pendingLines() {
        return pending.get();
    }

    /** Starts reading a pipe. */
    void attach(PipedOutput output) {
        arriving.add(output);
        pipes.incrementAndGet();
        wake();
    }

    /** A pass as soon as possible: a pipe arrived, or a process exited. */
    void wake() {
        ScheduledExecutorService e = executor;
        if (e != null && wakePending.compareAndSet(false, true)) {
            try {
                e.execute(this::pass);
            } catch (RejectedExecutionException closed) {
                wakePending.set(false);
            }
        }
    }

    /** The loop took lines the pump handed it. */
    void taken(int lines) {
        if (pending.addAndGet(-lines) < MAX_PENDING / 2) {
            wake();
        }
    }

    private void pass() {
        long delay = MAX_QUIET_NANOS;
        try {
            wakePending.set(false);
            for (PipedOutput p; (p = arriving.poll()) != null; ) {
                p.sink = sinks.acquire(p.output, p.watcher);
                reading.add(p);
            }
            delay = pending.get() >= MAX_PENDING ? MAX_QUIET_NANOS : readAll();
        } catch (RuntimeException | Error e) {
            LOG.error("output pump {}: a pass failed; reading goes on at the next one", name, e);
        } finally {
            scheduleNext(delay);
        }
    }

    /** Reads every pipe that is due, hands the lines over; returns the delay until the next pass. */
    private long readAll() {
        long now = System.nanoTime();
        double seconds = System.currentTimeMillis() / 1000.0;
        long quietest = Math.max(MAX_QUIET_NANOS, reading.size() * NANOS_PER_PIPE);
        long nextDue = now + quietest;
        boolean busy = false;
        Map<PipedOutput.LineTarget, List<CapturedLine>> batches = new LinkedHashMap<>();
        for (Iterator<PipedOutput> it = reading.iterator(); it.hasNext(); ) {
            PipedOutput p = it.next();
            if (p.dueAt - now <= 0) {
                int n = p.read(buffer, seconds);
                if (n > 0) {
                    busy = true;
                    p.quietPasses = 0;
                    p.emptyAfterExit = 0;
                    p.dueAt = now;
                } else if (n < 0 || (p.hasExited() && ++p.emptyAfterExit >= 2)) {
                    p.finish(seconds);
                    sinks.release(p.sink);
                    it.remove();
                    pipes.decrementAndGet();
                } else {
                    p.quietPasses++;
                    p.dueAt = now + Math.min(quietest, FIRST_QUIET_NANOS << Math.min(p.quietPasses, 12));
                }
            }
            List<CapturedLine> lines = p.takeLines();
            if (!lines.isEmpty()) {
                batches.computeIfAbsent(p.target, t -> new ArrayList<>()).addAll(lines);
            }
            nextDue = Math.min(nextDue, p.dueAt);
        }
        batches.forEach((target, lines) -> {
            pending.addAndGet(lines.size());
            target.deliver(lines);
        });
        // Quiet pipes come due at scattered times: looked at together, a few milliseconds apart at most.
        return busy ? BUSY_NANOS : Math.max(IDLE_PASS_NANOS, nextDue - now);
    }

    private void scheduleNext(long delayNanos) {
        if (next != null) {
            next.cancel(false);
        }
        try {
            next = executor.schedule(this::pass, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            next = null;
        }
    }

    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) != State.RUNNING) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("output pump {} did not stop within 5 s", name);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (PipedOutput p : reading) {
            p.finish(System.currentTimeMillis() / 1000.0);
        }
        reading.clear();
        arriving.clear();
        sinks.close();
        pipes.set(0);
    }
}
