package org.circusmeta.protocol.loop;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.protocol.Endpoint;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * One ZeroMQ socket that a {@link SocketLoop} owns for one component (an endpoint, a publisher, a
 * subscriber): {@link #start} opens it on the loop thread, sets its options, binds or connects it and
 * hands its input to a read handler; {@link #close()} closes it on the loop thread. The component keeps
 * its own logic and leaves the socket's life to this class.
 *
 * <p>Failure: an address that cannot be bound or connected to closes the socket at once and throws a
 * {@link CircusException} that names the address; the component is then closed for good. When the loop
 * shuts down first, its shutdown closes the socket, and {@link #close()} has nothing left to do.
 *
 * <p>Threading: thread-safe. {@link #start}, {@link #close()}, {@link #endpoint()} and
 * {@link #isRunning()} from any thread; {@link #send} on the loop thread only, like the read handler.
 *
 * <p>Lifecycle: no I/O in the constructor; {@link #start} once (a second call throws);
 * {@link #close()} idempotent.
 */
public final class LoopSocket implements AutoCloseable {
    /** Settings applied to the socket before it binds or connects; runs on the loop thread. */
    @FunctionalInterface
    public interface Options {
        void apply(ZMQ.Socket socket);
    }

    private enum State { NEW, RUNNING, CLOSED }

    private final SocketLoop loop;
    private final SocketType type;
    private final Endpoint endpoint;
    private final boolean binds;
    private final String what;
    private final Options options;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile String actual = "";
    private ZMQ.Socket socket;

    private LoopSocket(SocketLoop loop, SocketType type, Endpoint endpoint, boolean binds, String what, Options options) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.type = Objects.requireNonNull(type, "type");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.binds = binds;
        this.what = Objects.requireNonNull(what, "what");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * A socket that binds {@code endpoint} (port 0: any free port).
     *
     * @param what the component, as error messages name it: {@code "the control endpoint tcp://..."}
     */
    public static LoopSocket binding(SocketLoop loop, SocketType type, Endpoint endpoint, String what, Options options) {
        return new LoopSocket(loop, type, endpoint, true, what, options);
    }

    /**
     * A socket that connects to {@code endpoint}; ZeroMQ connects when the peer is up, and again
     * after it restarts.
     *
     * @param what the component, as error messages name it: {@code "the subscriber to tcp://..."}
     */
    public static LoopSocket connecting(SocketLoop loop, SocketType type, Endpoint endpoint, String what,
            Options options) {
        return new LoopSocket(loop, type, endpoint, false, what, options);
    }

    /** {@link #start(SocketLoop.ReadHandler)} for a socket that is only written to (PUB). */
    public String start() {
        return open(Optional.empty());
    }

    /**
     * Opens, sets up, binds or connects the socket on the loop thread and registers the handler for its
     * input; returns once that is done.
     *
     * @return the endpoint bound (port 0 becomes the port chosen), or the one connected to
     * @throws CircusException when the address cannot be bound or connected to, saying which and why
     * @throws IllegalStateException on a second call, or when the loop is not started
     */
    public String start(SocketLoop.ReadHandler reader) {
        return open(Optional.of(reader));
    }

    /** The endpoint bound by {@link #start} (the chosen port in place of 0) or connected to; empty before. */
    public String endpoint() {
        return actual;
    }

    /** True between a successful {@link #start} and {@link #close()}. */
    public boolean isRunning() {
        return state.get() == State.RUNNING;
    }

    /**
     * Sends a two-frame message without waiting. Loop thread only.
     *
     * @return false when the socket is not open (before {@link #start}, after {@link #close()}) or
     *     ZeroMQ could not queue the message (the peer is gone or too slow)
     */
    public boolean send(byte[] first, byte[] second) {
        if (socket == null) {
            return false;
        }
        socket.sendMore(first);
        return socket.send(second, ZMQ.DONTWAIT);
    }

    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) != State.RUNNING) {
            return;
        }
        loop.cleanUp(this::closeSocket);
    }

    private String open(Optional<SocketLoop.ReadHandler> reader) {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException(what + " was already started");
        }
        try {
            loop.runAndWait(() -> attach(reader));
        } catch (RuntimeException e) {
            state.set(State.CLOSED);
            throw e;
        }
        return actual;
    }

    private void attach(Optional<SocketLoop.ReadHandler> reader) {
        ZMQ.Socket s = loop.openSocket(type);
        try {
            options.apply(s);
            if (binds) {
                s.bind(endpoint.bindAddress());
            } else {
                s.connect(endpoint.toString());
            }
        } catch (RuntimeException e) {
            loop.closeSocket(s);
            throw binds
                    ? new CircusException("could not bind " + what + ": " + e.getMessage()
                            + "; is another process (another circusd?) using that address?", e)
                    : new CircusException("could not connect " + what + ": " + e.getMessage(), e);
        }
        reader.ifPresent(r -> loop.register(s, r));
        socket = s;
        String last = s.getLastEndpoint();
        actual = binds && last != null && !last.isEmpty() ? Endpoint.parse(last).toString() : endpoint.toString();
    }

    private void closeSocket() {
        if (socket != null) {
            loop.closeSocket(socket);
            socket = null;
        }
    }
}
