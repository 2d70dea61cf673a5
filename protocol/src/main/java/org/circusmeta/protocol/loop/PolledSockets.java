package org.circusmeta.protocol.loop;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.IdentityHashMap;
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
 * <p>Confined to the loop thread, except {@link #wakeup()}.
 */
final class PolledSockets {
    private static final int YIELDS = 3;
    private static final long MAX_BACKOFF_NANOS = 200_000;
    private final Selector selector;
    private final Map<ZMQ.Socket, Registration> registrations = new IdentityHashMap<>();
    private Registration[] snapshot = new Registration[0];
    private boolean dirty;
    private boolean wokenBySocket;
    private int idleWakes;

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
        SelectionKey key;
        try {
            SelectableChannel fd = socket.getFD();
            SelectionKey stale = fd.keyFor(selector);
            if (stale != null && !stale.isValid()) {
                // Unregistered earlier in this pass: its key leaves the selector at the next select.
                selector.selectNow();
            }
            key = fd.register(selector, SelectionKey.OP_READ);
        } catch (ClosedChannelException e) {
            throw new CircusException("a closed socket cannot be polled; open a new one", e);
        } catch (IOException e) {
            throw new CircusException("the socket loop's selector failed: " + e.getMessage(), e);
        }
        registrations.put(socket, new Registration(socket, handler, key));
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
            if (r.active && hasInput(r.socket)) {
                dispatcher.accept(r.handler, r.socket);
                any = true;
            }
        }
        if (wokenBySocket) {
            wokenBySocket = false;
            idleWakes = any ? 0 : idleWakes + 1;
        }
        return any;
    }

    private static boolean hasInput(ZMQ.Socket socket) {
        int events = socket.getEvents();
        return events > 0 && (events & ZMQ.Poller.POLLIN) != 0;
    }

    /**
     * Sleeps until a socket signals, {@link #wakeup()} is called, or the timeout passes (-1: none).
     *
     * <p>JeroMQ signals a socket by writing a byte to its descriptor and only then counting the signal;
     * until it has counted it, {@code ZMQ_EVENTS} does not see it and nobody reads the byte, so the
     * descriptor stays readable. When the writing thread is preempted in between (a loaded machine), a
     * loop that selects again at once spins on that descriptor and takes the CPU the writer needs to
     * finish. So after a socket woke the loop for nothing, the loop yields, then backs off briefly.
     */
    void await(long timeoutMillis) throws IOException {
        if (idleWakes > 0) {
            backOff();
        }
        int ready = 0;
        if (timeoutMillis < 0) {
            ready = selector.select();
        } else if (timeoutMillis > 0) {
            ready = selector.select(timeoutMillis);
        }
        selector.selectedKeys().clear();
        wokenBySocket = ready > 0;
        if (!wokenBySocket) {
            idleWakes = 0;
        }
    }

    private void backOff() {
        if (idleWakes <= YIELDS) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(Math.min(MAX_BACKOFF_NANOS, 1_000L << Math.min(idleWakes - YIELDS, 20)));
        }
    }

    /** Ends the current or the next {@link #await}; any thread. */
    void wakeup() {
        selector.wakeup();
    }

    void clear() {
        registrations.clear();
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
        final SelectionKey key;
        SocketLoop.ReadHandler handler;
        boolean active = true;

        Registration(ZMQ.Socket socket, SocketLoop.ReadHandler handler, SelectionKey key) {
            this.socket = socket;
            this.handler = handler;
            this.key = key;
        }
    }
}
