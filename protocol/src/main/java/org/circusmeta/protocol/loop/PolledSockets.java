package org.circusmeta.protocol.loop;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import org.circusmeta.protocol.CircusException;
import org.zeromq.ZMQ;

/**
 * The sockets a {@link SocketLoop} reads, and the selector it sleeps on.
 *
 * <p>A JeroMQ socket signals through a file descriptor that only says "look at me": whether a message
 * is waiting is known from {@code ZMQ_EVENTS}, which costs no system call when nothing happened. So
 * every pass asks each socket for its events (level-triggered, as {@code zmq_poll} does) and sleeps on
 * the selector only when no socket has input and no task is queued. Each descriptor is registered once,
 * not on every pass, and waking the loop is {@link Selector#wakeup()}, which writes at most once per
 * sleep.
 *
 * <p>One JeroMQ quirk needs care. Its mailbox writes a signal byte, then counts it; until the count is
 * made, nobody reads the byte (the command it announces has usually been handled already), so the
 * descriptor stays readable with nothing to do. The write itself wakes this loop, which then often
 * preempts the writer on its core before the count: selecting again at once would spin, holding the
 * CPU the writer needs to finish. So after a socket woke the loop for nothing, the loop pauses a few
 * microseconds (longer if it happens again) before it selects; a task handed to the loop ends the
 * pause at once.
 *
 * <p>Confined to the loop thread, except {@link #wakeup()}.
 */
final class PolledSockets {
    private static final long FIRST_PAUSE_NANOS = 20_000;
    private static final long MAX_PAUSE_NANOS = 320_000;

    private final Selector selector;
    private final Map<ZMQ.Socket, Registration> registrations = new IdentityHashMap<>();
    private final List<Registration> woke = new ArrayList<>();
    private volatile Thread sleeper;
    private int idleWakes;
    private Registration[] snapshot = new Registration[0];
    private boolean dirty;

    private PolledSockets(Selector selector) {
        this.selector = selector;
    }

    static PolledSockets open() throws IOException {
        return new PolledSockets(Selector.open());
    }

    void register(ZMQ.Socket socket, SocketLoop.ReadHandler handler) {
        Registration existing = registrations.get(socket);
        if (existing != null) {
            existing.handler = handler;
            return;
        }
        Registration registration = new Registration(socket, handler);
        try {
            SelectableChannel fd = socket.getFD();
            SelectionKey stale = fd.keyFor(selector);
            if (stale != null && !stale.isValid()) {
                // Unregistered earlier in this pass: its key leaves the selector at the next select.
                selector.selectNow();
            }
            registration.key = fd.register(selector, SelectionKey.OP_READ, registration);
        } catch (ClosedChannelException e) {
            throw new CircusException("a closed socket cannot be polled; open a new one", e);
        } catch (IOException e) {
            throw new CircusException("the socket loop's selector failed: " + e.getMessage(), e);
        }
        registrations.put(socket, registration);
        dirty = true;
    }

    boolean unregister(ZMQ.Socket socket) {
        Registration gone = registrations.remove(socket);
        if (gone == null) {
            return false;
        }
        gone.active = false;
        gone.key.cancel();
        dirty = true;
        return true;
    }

    /**
     * Hands every socket that has a message waiting to its handler, through the dispatcher (which must
     * not throw).
     *
     * @return true if at least one handler ran, so that the loop looks again before sleeping
     */
    boolean dispatchReady(BiConsumer<SocketLoop.ReadHandler, ZMQ.Socket> dispatcher) {
        if (dirty) {
            snapshot = registrations.values().toArray(new Registration[0]);
            dirty = false;
        }
        boolean any = false;
        for (Registration r : snapshot) {
            // A handler earlier in this pass may have unregistered this socket.
            r.dispatched = r.active && hasInput(r.socket);
            if (r.dispatched) {
                dispatcher.accept(r.handler, r.socket);
                any = true;
            }
        }
        if (!woke.isEmpty()) {
            boolean forNothing = true;
            for (Registration r : woke) {
                forNothing &= !r.dispatched;
            }
            idleWakes = forNothing ? idleWakes + 1 : 0;
            woke.clear();
        }
        return any;
    }

    private static boolean hasInput(ZMQ.Socket socket) {
        int events = socket.getEvents();
        return events > 0 && (events & ZMQ.Poller.POLLIN) != 0;
    }

    /** Sleeps until a socket signals, {@link #wakeup()} is called, or the timeout passes (-1: none). */
    void await(long timeoutMillis) throws IOException {
        if (idleWakes > 0 && timeoutMillis != 0) {
            sleeper = Thread.currentThread();
            LockSupport.parkNanos(this, Math.min(MAX_PAUSE_NANOS, FIRST_PAUSE_NANOS << Math.min(idleWakes - 1, 8)));
            sleeper = null;
        }
        int ready = 0;
        if (timeoutMillis < 0) {
            ready = selector.select();
        } else if (timeoutMillis > 0) {
            ready = selector.select(timeoutMillis);
        }
        for (SelectionKey key : selector.selectedKeys()) {
            woke.add((Registration) key.attachment());
        }
        selector.selectedKeys().clear();
        if (ready == 0) {
            idleWakes = 0;
        }
    }

    /** Ends the current or the next {@link #await}, pause included; any thread. */
    void wakeup() {
        selector.wakeup();
        Thread paused = sleeper;
        if (paused != null) {
            LockSupport.unpark(paused);
        }
    }

    void clear() {
        registrations.clear();
        woke.clear();
        snapshot = new Registration[0];
    }

    void close() {
        try {
            selector.close();
        } catch (IOException e) {
            // Nothing is left to do with a selector that will not close.
        }
    }

    private static final class Registration {
        final ZMQ.Socket socket;
        SelectionKey key;
        SocketLoop.ReadHandler handler;
        boolean active = true;
        boolean dispatched;

        Registration(ZMQ.Socket socket, SocketLoop.ReadHandler handler) {
            this.socket = socket;
            this.handler = handler;
        }
    }
}
