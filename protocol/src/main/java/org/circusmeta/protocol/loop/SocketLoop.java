package org.circusmeta.protocol.loop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.circusmeta.protocol.CircusClosedException;
import org.circusmeta.protocol.CircusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import zmq.poll.PollItem;

/**
 * One thread that owns ZeroMQ sockets: it polls every registered socket, runs timers, and runs tasks
 * that other threads hand it. JeroMQ sockets are not thread-safe, so every socket opened here is
 * created, used and closed on this thread only; other threads reach it through {@link #execute} and
 * {@link #schedule}.
 *
 * <p>Threading: {@link #start}, {@link #execute}, {@link #schedule} and {@link #close} may be called
 * from any thread. {@link #openSocket}, {@link #register}, {@link #unregister} and
 * {@link #closeSocket} must be called on the loop thread ({@link #inLoop()}); they throw otherwise.
 * Handlers, tasks and timers run on the loop thread and must not block: a handler that throws is
 * logged and the loop goes on.
 *
 * <p>Lifecycle: the constructor does no I/O; {@link #start} opens the ZeroMQ context and starts the
 * thread (a second call throws); {@link #close} stops the thread, closes every socket it owns and
 * terminates the context, so no ZeroMQ thread outlives it. It is idempotent.
 */
public final class SocketLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SocketLoop.class);
    private static final long CLOSE_WAIT_MS = 5_000;

    /** Called on the loop thread when a registered socket has at least one message to read. */
    @FunctionalInterface
    public interface ReadHandler {
        void onReadable(ZMQ.Socket socket);
    }

    /** A scheduled task that may be cancelled from any thread. */
    public interface Timer {
        void cancel();
    }

    private enum State { NEW, RUNNING, CLOSED }

    private final String name;
    private final int ioThreads;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final ByteBuffer wakeByte = ByteBuffer.allocate(1);
    private final ByteBuffer drainBuffer = ByteBuffer.allocate(64);

    // Loop-thread state.
    private final PriorityQueue<ScheduledTask> timers = new PriorityQueue<>();
    private final Map<ZMQ.Socket, ReadHandler> handlers = new IdentityHashMap<>();
    private final List<ZMQ.Socket> owned = new ArrayList<>();
    private final List<Runnable> closeHooks = new ArrayList<>();
    private PollItem[] items = new PollItem[0];
    private ZMQ.Socket[] polledSockets = new ZMQ.Socket[0];
    private ReadHandler[] polledHandlers = new ReadHandler[0];
    private boolean itemsDirty = true;
    private long timerSequence;

    private ZContext context;
    private Selector selector;
    private Pipe wakeup;
    private Thread thread;

    public SocketLoop(String name) {
        this(name, 1);
    }

    /**
     * @param name the thread's name, shown in thread dumps
     * @param ioThreads ZeroMQ I/O threads of this loop's context (1 carries well over 100,000 msg/s)
     */
    public SocketLoop(String name, int ioThreads) {
        this.name = name;
        this.ioThreads = ioThreads;
    }

    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("socket loop " + name + " was already started");
        }
        try {
            context = new ZContext(ioThreads);
            context.setLinger(0);
            selector = Selector.open();
            wakeup = Pipe.open();
            wakeup.source().configureBlocking(false);
            wakeup.sink().configureBlocking(true);
        } catch (IOException e) {
            state.set(State.CLOSED);
            throw new CircusException("socket loop " + name + " could not open its wake-up pipe: " + e.getMessage(), e);
        }
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    public String name() {
        return name;
    }

    public boolean isRunning() {
        return state.get() == State.RUNNING;
    }

    /** True on the loop's own thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs a task on the loop thread, after the tasks already queued. It is queued even when called on
     * the loop thread, so a task never re-enters its caller.
     *
     * @throws CircusClosedException when the loop is closed
     */
    public void execute(Runnable task) {
        if (state.get() == State.CLOSED) {
            throw new CircusClosedException("socket loop " + name + " is closed");
        }
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            signal();
        }
    }

    /** Runs a task on the loop thread once the delay has passed. */
    public Timer schedule(Duration delay, Runnable task) {
        ScheduledTask timer = new ScheduledTask(System.nanoTime() + Math.max(0, delay.toNanos()), task);
        if (inLoop()) {
            addTimer(timer);
        } else {
            execute(() -> addTimer(timer));
        }
        return timer;
    }

    /** Opens a socket owned by this loop, linger 0. Loop thread only. */
    public ZMQ.Socket openSocket(SocketType type) {
        requireLoop();
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(0);
        owned.add(socket);
        return socket;
    }

    /** Polls a socket for input; the handler runs on the loop thread. Loop thread only. */
    public void register(ZMQ.Socket socket, ReadHandler handler) {
        requireLoop();
        handlers.put(socket, handler);
        itemsDirty = true;
    }

    public void unregister(ZMQ.Socket socket) {
        requireLoop();
        if (handlers.remove(socket) != null) {
            itemsDirty = true;
        }
    }

    /** Unregisters and closes a socket opened here. Loop thread only; idempotent. */
    public void closeSocket(ZMQ.Socket socket) {
        requireLoop();
        unregister(socket);
        if (owned.remove(socket)) {
            context.destroySocket(socket);
        }
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

    /** Number of sockets this loop currently owns (for metrics and tests). */
    public int socketCount() {
        return owned.size();
    }

    @Override
    public void close() {
        State previous = state.getAndSet(State.CLOSED);
        if (previous == State.CLOSED) {
            return;
        }
        if (previous == State.NEW) {
            return;
        }
        signal();
        if (!inLoop()) {
            try {
                thread.join(CLOSE_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("socket loop {} did not stop within {} ms; a handler may be blocking it", name, CLOSE_WAIT_MS);
            }
        }
    }

    private void run() {
        try {
            while (state.get() == State.RUNNING) {
                runTasks();
                runDueTimers();
                if (state.get() != State.RUNNING) {
                    break;
                }
                pollOnce(tasks.isEmpty() ? nextTimeoutMillis() : 0);
            }
        } catch (RuntimeException | Error e) {
            LOG.error("socket loop {} stopped on an unexpected error; its sockets are closed", name, e);
            state.set(State.CLOSED);
        } finally {
            shutDown();
        }
    }

    private void pollOnce(long timeoutMillis) {
        if (itemsDirty) {
            rebuildItems();
        }
        int rc = zmq.ZMQ.poll(selector, items, items.length, timeoutMillis);
        if (rc <= 0) {
            return;
        }
        if (items[0].isReadable()) {
            drainWakeups();
        }
        for (int i = 1; i < items.length; i++) {
            if (items[i].isReadable()) {
                ReadHandler handler = polledHandlers[i];
                ZMQ.Socket socket = polledSockets[i];
                // The socket may have been unregistered by a handler earlier in this pass.
                if (handlers.get(socket) == handler) {
                    dispatch(handler, socket);
                }
            }
        }
    }

    private void dispatch(ReadHandler handler, ZMQ.Socket socket) {
        try {
            handler.onReadable(socket);
        } catch (RuntimeException e) {
            LOG.error("socket loop {}: a socket handler failed; the loop goes on", name, e);
        }
    }

    private void rebuildItems() {
        int n = handlers.size() + 1;
        PollItem[] newItems = new PollItem[n];
        ZMQ.Socket[] newSockets = new ZMQ.Socket[n];
        ReadHandler[] newHandlers = new ReadHandler[n];
        newItems[0] = new PollItem(wakeup.source(), zmq.ZMQ.ZMQ_POLLIN);
        int i = 1;
        for (Map.Entry<ZMQ.Socket, ReadHandler> e : handlers.entrySet()) {
            newItems[i] = new PollItem(e.getKey().base(), zmq.ZMQ.ZMQ_POLLIN);
            newSockets[i] = e.getKey();
            newHandlers[i] = e.getValue();
            i++;
        }
        items = newItems;
        polledSockets = newSockets;
        polledHandlers = newHandlers;
        itemsDirty = false;
    }

    private void runTasks() {
        Runnable task;
        int budget = 10_000;
        while (budget-- > 0 && (task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("socket loop {}: a task failed; the loop goes on", name, e);
            }
        }
    }

    private void addTimer(ScheduledTask timer) {
        timer.sequence = timerSequence++;
        timers.add(timer);
    }

    private void runDueTimers() {
        long now = System.nanoTime();
        ScheduledTask next;
        while ((next = timers.peek()) != null && (next.cancelled || next.deadline - now <= 0)) {
            timers.poll();
            if (!next.cancelled) {
                try {
                    next.task.run();
                } catch (RuntimeException e) {
                    LOG.error("socket loop {}: a timer failed; the loop goes on", name, e);
                }
            }
        }
    }

    private long nextTimeoutMillis() {
        ScheduledTask next;
        while ((next = timers.peek()) != null && next.cancelled) {
            timers.poll();
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

    private void signal() {
        synchronized (wakeByte) {
            try {
                wakeByte.clear();
                wakeup.sink().write(wakeByte);
            } catch (IOException e) {
                // The pipe is closed: the loop is gone, nothing to wake.
            }
        }
    }

    private void drainWakeups() {
        try {
            while (true) {
                drainBuffer.clear();
                if (wakeup.source().read(drainBuffer) <= 0) {
                    break;
                }
            }
        } catch (IOException e) {
            LOG.debug("socket loop {}: wake-up pipe read failed", name, e);
        }
        wakeupPending.set(false);
    }

    private void shutDown() {
        runTasks();
        for (Runnable hook : new ArrayList<>(closeHooks)) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LOG.warn("socket loop {}: a close hook failed", name, e);
            }
        }
        closeHooks.clear();
        for (ZMQ.Socket socket : new ArrayList<>(owned)) {
            try {
                context.destroySocket(socket);
            } catch (RuntimeException e) {
                LOG.debug("socket loop {}: closing a socket failed", name, e);
            }
        }
        owned.clear();
        handlers.clear();
        timers.clear();
        tasks.clear();
        try {
            context.close();
        } catch (RuntimeException e) {
            LOG.warn("socket loop {}: the ZeroMQ context did not close cleanly", name, e);
        }
        closeQuietly(selector);
        closeQuietly(wakeup.source());
        closeQuietly(wakeup.sink());
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing useful to do while shutting down
        }
    }

    private void requireLoop() {
        if (!inLoop()) {
            throw new IllegalStateException("socket loop " + name + ": sockets may only be touched on the loop thread, not on "
                    + Thread.currentThread().getName());
        }
    }

    private static final class ScheduledTask implements Timer, Comparable<ScheduledTask> {
        final long deadline;
        final Runnable task;
        long sequence;
        volatile boolean cancelled;

        ScheduledTask(long deadline, Runnable task) {
            this.deadline = deadline;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(ScheduledTask o) {
            int c = Long.compare(deadline - o.deadline, 0);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }
}
