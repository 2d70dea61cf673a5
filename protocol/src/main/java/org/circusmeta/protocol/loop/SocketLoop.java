package org.circusmeta.protocol.loop;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.circusmeta.protocol.CircusClosedException;
import org.circusmeta.protocol.CircusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * One thread that owns ZeroMQ sockets: it reads every registered socket, runs timers, and runs tasks
 * that other threads hand it. JeroMQ sockets are not thread-safe, so every socket opened here is
 * created, used and closed on this thread only; other threads reach it through {@link #execute},
 * {@link #schedule} and {@link #submit}. One loop can serve hundreds of sockets.
 *
 * <p>Threading: thread-safe. {@link #start}, {@link #execute}, {@link #schedule}, {@link #submit} and
 * {@link #close} may be called from any thread. {@link #openSocket}, {@link #register},
 * {@link #unregister}, {@link #closeSocket}, {@link #onClose} and {@link #removeOnClose} must be
 * called on the loop thread ({@link #inLoop()}); they throw otherwise. Handlers, tasks and timers run
 * on the loop thread and must not block; one that throws is logged and the loop goes on.
 *
 * <p>Lifecycle: the constructor does no I/O; {@link #start} opens the ZeroMQ context and starts the
 * thread (a second call throws). {@link #close} is idempotent: the loop runs the tasks already
 * accepted, then the {@link #onClose} hooks, closes every socket it owns and terminates the context,
 * so that neither the loop thread nor ZeroMQ's threads ({@code NAME-zmq-iothread-N},
 * {@code NAME-zmq-reaper-N}) outlive it. A task is either run or refused with
 * {@link CircusClosedException}, never silently dropped.
 */
public final class SocketLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SocketLoop.class);
    private static final long CLOSE_WAIT_MS = 5_000;
    private static final Duration SUBMIT_WAIT = Duration.ofSeconds(10);
    private static final int TASK_BUDGET = 10_000;

    /**
     * Called on the loop thread when a registered socket has a message to read. It may read one or
     * all of them (without waiting): it is called again as long as input remains.
     */
    @FunctionalInterface
    public interface ReadHandler {
        void onReadable(ZMQ.Socket socket);
    }

    /** A scheduled task that may be cancelled from any thread; cancelling a task that ran does nothing. */
    public interface Timer {
        void cancel();
    }

    private enum State { NEW, RUNNING, CLOSED }

    private final String name;
    private final int ioThreads;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile TaskQueue tasks;

    // Loop-thread state.
    private final TimerQueue timers = new TimerQueue();
    private final List<Runnable> closeHooks = new ArrayList<>();
    private volatile OwnedSockets owned;
    private PolledSockets sockets;
    private volatile Throwable died;
    private volatile Thread thread;

    public SocketLoop(String name) {
        this(name, 1);
    }

    /**
     * @param name the thread's name, shown in thread dumps; ZeroMQ's threads are named after it
     * @param ioThreads ZeroMQ I/O threads of this loop's context (what one carries: docs/benchmarks.md, relay)
     */
    public SocketLoop(String name, int ioThreads) {
        this.name = Objects.requireNonNull(name, "name");
        if (ioThreads < 1) {
            throw new IllegalArgumentException("a socket loop needs at least one ZeroMQ I/O thread, got " + ioThreads);
        }
        this.ioThreads = ioThreads;
    }

    /**
     * Opens the selector and the ZeroMQ context and starts the thread.
     *
     * @throws IllegalStateException on a second call
     * @throws CircusException when the selector cannot be opened
     */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("socket loop " + name + " was already started");
        }
        PolledSockets polled;
        try {
            polled = PolledSockets.open();
        } catch (IOException e) {
            state.set(State.CLOSED);
            throw new CircusException("socket loop " + name + " could not open a selector: " + e.getMessage(), e);
        }
        owned = new OwnedSockets(name, ioThreads);
        Thread loopThread = new Thread(this::run, name);
        loopThread.setDaemon(true);
        thread = loopThread;
        sockets = polled;
        tasks = new TaskQueue(polled::wakeup);
        loopThread.start();
    }

    public String name() {
        return name;
    }

    /** The error the loop's thread died of, if it did: it then serves nothing until the process restarts. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(died);
    }

    /** True between {@link #start()} and {@link #close()}. */
    public boolean isRunning() {
        return state.get() == State.RUNNING;
    }

    /** True on the loop's own thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs a task on the loop thread, after the tasks already queued. It is queued even when called on
     * the loop thread, so a task never re-enters its caller. A task accepted here runs, even when the
     * loop is closed meanwhile (before the close hooks).
     *
     * @throws IllegalStateException when the loop was never started
     * @throws CircusClosedException when the loop has shut down
     */
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        TaskQueue queue = tasks;
        if (queue == null) {
            throw state.get() == State.CLOSED ? closed()
                    : new IllegalStateException("socket loop " + name + " is not started: call start() first");
        }
        if (!queue.offer(task)) {
            throw closed();
        }
    }

    /**
     * Runs a task on the loop thread and waits for its result; runs it at once on the loop thread.
     * For set-up work (opening a socket) that a caller must see done.
     *
     * @throws CircusClosedException when the loop is closed
     * @throws CircusException when the loop did not run it within 10 s (a handler is blocking it)
     * @throws RuntimeException what the task threw
     */
    public <T> T submit(Supplier<T> task) {
        if (inLoop()) {
            return task.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(SUBMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CircusException("interrupted while waiting for socket loop " + name, e);
        } catch (TimeoutException e) {
            throw new CircusException("socket loop " + name + " did not run a task within " + SUBMIT_WAIT.toSeconds()
                    + " s; a handler on it is blocking (see a thread dump of '" + name + "')", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw (Error) e.getCause();
        }
    }

    /**
     * Runs clean-up work on the loop thread: at once when called there, else queued. When the loop has
     * shut down already the work is dropped: its shutdown closed every socket it owned. For the
     * {@code close()} of whatever lives on the loop.
     */
    public void cleanUp(Runnable work) {
        if (inLoop()) {
            work.run();
            return;
        }
        try {
            execute(work);
        } catch (CircusClosedException e) {
            LOG.trace("socket loop {} is closed; clean-up work dropped", name);
        }
    }

    /** {@link #submit} for a task without a result. */
    public void runAndWait(Runnable task) {
        submit(() -> {
            task.run();
            return null;
        });
    }

    /**
     * Runs a task on the loop thread once the delay has passed. Timers with the same deadline run in
     * the order they were scheduled.
     *
     * @throws CircusClosedException when the loop is closed
     */
    public Timer schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        TimerQueue.Entry timer = timers.newTimer(delay.toNanos(), task);
        if (inLoop()) {
            timers.add(timer);
        } else {
            execute(() -> timers.add(timer));
        }
        return timer;
    }

    /** Opens a socket owned by this loop, linger 0. Loop thread only. */
    public ZMQ.Socket openSocket(SocketType type) {
        requireLoop();
        if (tasks.isClosed()) {
            throw closed();
        }
        return owned.open(type);
    }

    /** Reads a socket: the handler runs on the loop thread while it has input. Loop thread only. */
    public void register(ZMQ.Socket socket, ReadHandler handler) {
        requireLoop();
        sockets.register(socket, Objects.requireNonNull(handler, "handler"));
    }

    /** Stops reading a socket. Loop thread only; idempotent. */
    public void unregister(ZMQ.Socket socket) {
        requireLoop();
        sockets.unregister(socket);
    }

    /** Unregisters and closes a socket opened here. Loop thread only; idempotent. */
    public void closeSocket(ZMQ.Socket socket) {
        requireLoop();
        sockets.unregister(socket);
        owned.close(socket);
    }

    /**
     * Runs a task on the loop thread when the loop shuts down, before its sockets close: how the
     * components living on the loop fail their pending work instead of leaving it hanging. Loop
     * thread only.
     */
    public void onClose(Runnable hook) {
        requireLoop();
        closeHooks.add(hook);
    }

    /** Forgets a hook added with {@link #onClose}. Loop thread only. */
    public void removeOnClose(Runnable hook) {
        requireLoop();
        closeHooks.remove(hook);
    }

    /** Number of sockets this loop currently owns (for metrics and tests). Any thread. */
    public int socketCount() {
        OwnedSockets current = owned;
        return current == null ? 0 : current.count();
    }

    /**
     * Stops the loop and waits (up to 5 s) for its thread and ZeroMQ's to end. Idempotent; from the
     * loop thread itself it only asks the loop to stop after the current task.
     */
    @Override
    public void close() {
        State previous = state.getAndSet(State.CLOSED);
        TaskQueue queue = tasks;
        if (previous != State.RUNNING || queue == null || inLoop()) {
            return;
        }
        queue.wakeLoop();
        try {
            thread.join(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("socket loop {} did not stop within {} ms; a handler on it is blocking (see a thread dump of '{}')",
                    name, CLOSE_WAIT_MS, name);
        }
    }

    private void run() {
        try {
            while (state.get() == State.RUNNING) {
                tasks.run(TASK_BUDGET, this::runTask);
                timers.runDue(this::runTask);
                boolean busy = sockets.dispatchReady(this::dispatch);
                if (!busy && state.get() == State.RUNNING && tasks.readyToSleep()) {
                    sockets.await(timers.millisToNext());
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            LOG.error("socket loop {} stopped on an unexpected error; its sockets are closed and its clients fail", name, e);
            died = e;
            state.set(State.CLOSED);
        } finally {
            shutDown();
        }
    }

    private void runTask(Runnable task) {
        guarded("a task or timer", task);
    }

    private void dispatch(ReadHandler handler, ZMQ.Socket socket) {
        guarded("a socket handler", () -> handler.onReadable(socket));
    }

    private void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.error("socket loop {}: {} failed; the loop goes on", name, what, e);
        }
    }

    private void shutDown() {
        tasks.close();
        tasks.run(Integer.MAX_VALUE, this::runTask);
        for (Runnable hook : new ArrayList<>(closeHooks)) {
            guarded("a close hook", hook);
        }
        closeHooks.clear();
        tasks.run(Integer.MAX_VALUE, this::runTask);
        sockets.clear();
        owned.closeAll();
        timers.clear();
        sockets.close();
    }

    private CircusClosedException closed() {
        return new CircusClosedException("socket loop " + name + " is closed");
    }

    private void requireLoop() {
        if (!inLoop()) {
            throw new IllegalStateException("socket loop " + name + ": sockets may only be touched on the loop thread, not on "
                    + Thread.currentThread().getName() + "; use execute() or submit()");
        }
    }
}
